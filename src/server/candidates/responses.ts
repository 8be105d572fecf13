import crypto from 'node:crypto';
import { In, QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import type { CandidateResponseDto } from '../../shared/api/portal';
import { Candidate, Fair, Upload, VacancyResponse } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { ServerError } from '../errors';
import { findPublishedVacancy } from './fairPage';
import { assertWindowOpen, describeMoment, windowOf } from './responseWindow';

export interface RespondInput {
  vacancyId: string;
  resumeUploadId: string;
  wantsVideoInterview: boolean;
  coverNote?: string | undefined;
}

/** Responses to vacancies: one per candidate and vacancy, only while the fair's window is open. */
export class CandidateResponses {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
    private readonly now: () => number = Date.now,
    /** Tells the employer's desktops that a response arrived (after the commit). */
    private readonly pokeEmployer: (employerId: string) => void = () => undefined,
  ) {}

  /**
   * Records a response. Repeating the very same response answers the stored one (`created: false`),
   * so a retried request is harmless; a different second response to the vacancy is a 409.
   * @throws ServerError 404 (vacancy not published: unknown, of a participation not approved, …),
   *   403 (window not open yet / closed), 400 (resume not the candidate's uploaded resume), 409.
   */
  async respond(candidateId: string, input: RespondInput): Promise<{ response: CandidateResponseDto; created: boolean }> {
    const { vacancy, participation, fair, centre, stand } = await findPublishedVacancy(this.db, input.vacancyId);
    assertWindowOpen(windowOf(fair, centre, this.now()), centre.timeZone, 'Responding to vacancies of this fair');
    const resume = await this.db.getRepository(Upload).findOneBy({ id: input.resumeUploadId });
    if (resume?.kind !== 'resume' || resume.candidateId !== candidateId) {
      throw new ServerError('bad_request', 400, 'The resume was not found among the files you uploaded. Attach your resume again.');
    }
    const coverNote = input.coverNote ?? '';
    const existing = await this.db.getRepository(VacancyResponse).findOneBy({ candidateId, vacancyId: vacancy.id });
    if (existing) return this.repeated(existing, input, coverNote, centre.timeZone);
    try {
      const row = await this.tx.write(async ({ manager, version, now }) => {
        // What the candidate applied with: the employer keeps these even if the profile changes later.
        const candidate = await manager.findOneByOrFail(Candidate, { id: candidateId });
        const created = manager.create(VacancyResponse, {
          id: crypto.randomUUID(),
          candidateId,
          vacancyId: vacancy.id,
          participationId: participation.id,
          fairId: fair.id,
          employerId: participation.employerId,
          vacancyTitle: vacancy.title,
          companyName: stand?.companyName || participation.companyName,
          resumeUploadId: resume.id,
          resumeFileName: resume.originalName,
          candidateName: candidate.name,
          candidateEmail: candidate.email,
          candidatePhone: candidate.phone,
          wantsVideoInterview: input.wantsVideoInterview,
          coverNote,
          createdAt: now,
          version,
        });
        await manager.insert(VacancyResponse, created);
        return created;
      });
      this.pokeEmployer(row.employerId);
      return { response: await this.toDto(this.db.manager, row), created: true };
    } catch (err) {
      // Two tabs sending at once: the unique (candidate, vacancy) key lets exactly one in.
      if (!(err instanceof QueryFailedError)) throw err;
      const raced = await this.db.getRepository(VacancyResponse).findOneBy({ candidateId, vacancyId: vacancy.id });
      if (!raced) throw err;
      return this.repeated(raced, input, coverNote, centre.timeZone);
    }
  }

  /** The candidate's own responses, newest first (never anyone else's). */
  async listMine(candidateId: string): Promise<CandidateResponseDto[]> {
    const rows = await this.db.getRepository(VacancyResponse).find({ where: { candidateId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return this.toDtos(this.db.manager, rows);
  }

  private async repeated(
    existing: VacancyResponse,
    input: RespondInput,
    coverNote: string,
    timeZone: string,
  ): Promise<{ response: CandidateResponseDto; created: boolean }> {
    const same =
      existing.resumeUploadId === input.resumeUploadId &&
      existing.wantsVideoInterview === input.wantsVideoInterview &&
      existing.coverNote === coverNote;
    if (!same) {
      throw new ServerError(
        'conflict',
        409,
        `You already responded to this vacancy on ${describeMoment(existing.createdAt, timeZone)}. One response per vacancy; it is in "My responses".`,
      );
    }
    return { response: await this.toDto(this.db.manager, existing), created: false };
  }

  private async toDto(manager: EntityManager, row: VacancyResponse): Promise<CandidateResponseDto> {
    const [dto] = await this.toDtos(manager, [row]);
    if (!dto) throw new Error('response row vanished');
    return dto;
  }

  private async toDtos(manager: EntityManager, rows: VacancyResponse[]): Promise<CandidateResponseDto[]> {
    if (rows.length === 0) return [];
    const fairs = await manager.findBy(Fair, { id: In([...new Set(rows.map((r) => r.fairId))]) });
    const uploads = await manager.findBy(Upload, { id: In([...new Set(rows.map((r) => r.resumeUploadId))]) });
    const fairTitle = new Map(fairs.map((f) => [f.id, f.title]));
    const resumeName = new Map(uploads.map((u) => [u.id, u.originalName]));
    return rows.map((r) => ({
      id: r.id,
      vacancyId: r.vacancyId,
      vacancyTitle: r.vacancyTitle,
      participationId: r.participationId,
      employerId: r.employerId,
      companyName: r.companyName,
      fairId: r.fairId,
      fairTitle: fairTitle.get(r.fairId) ?? '',
      resumeUploadId: r.resumeUploadId,
      resumeName: resumeName.get(r.resumeUploadId) ?? '',
      wantsVideoInterview: r.wantsVideoInterview,
      coverNote: r.coverNote,
      createdAt: r.createdAt,
    }));
  }
}
