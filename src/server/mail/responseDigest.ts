import { In, type EntityManager } from 'typeorm';
import { Candidate, Employer, Fair, ResponseDigest, User, VacancyResponse } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import type { Logger } from '../logger';
import { mailSettingsOf } from './mailRuntime';
import { enqueueMails, type MailRequest } from './outbox';
import type { DigestFair } from './templates/types';

/** Names listed per vacancy in one digest; the rest are counted ("and 12 more"). */
export const DIGEST_NAMES_PER_VACANCY = 20;

export interface DigestRunResult {
  /** Employers whose digest this run queued (responses above their watermark, claimed by this run). */
  employers: number;
  /** Mails queued. */
  mails: number;
}

/**
 * One run of the response digest: for each employer with responses above its watermark, ONE mail
 * to each active admin and cabinet manager (in their locale) listing the new responses by fair and
 * vacancy, queued through the mail outbox; nothing for employers with nothing new.
 *
 * The watermark is the change version of the newest response a digest covered. Versions are
 * assigned in commit order (see `TransactionRunner.write`), so "above the watermark" never skips
 * a response committed late. Each employer is handled in its own transaction that locks the
 * employer's watermark row (`FOR UPDATE SKIP LOCKED` on PostgreSQL: a second server process
 * skips an employer being digested; on SQLite the server's transactions are serialised), queues
 * the mails and moves the watermark — all or nothing, so a restart or a second process never
 * sends a digest twice. The dedupe key (employer, newest version, recipient) guards once more.
 */
export async function runResponseDigest(tx: TransactionRunner, options: { now?: () => number } = {}): Promise<DigestRunResult> {
  const now = options.now ?? Date.now;
  const candidates = await tx.read((m) =>
    m
      .createQueryBuilder(VacancyResponse, 'r')
      .leftJoin(ResponseDigest, 'd', 'd.employerId = r.employerId')
      .select('r.employerId', 'employer_id')
      .distinct(true)
      .where('r.version > COALESCE(d.lastVersion, 0)')
      .getRawMany<{ employer_id: string }>(),
  );
  const result: DigestRunResult = { employers: 0, mails: 0 };
  for (const { employer_id: employerId } of candidates) {
    const queued = await tx.job((manager) => digestEmployer(manager, employerId, now()));
    if (queued === null) continue;
    result.employers += 1;
    result.mails += queued;
  }
  return result;
}

/** Digests one employer inside the caller's transaction. @returns mails queued, or null when there was nothing to claim. */
async function digestEmployer(manager: EntityManager, employerId: string, now: number): Promise<number | null> {
  await manager.createQueryBuilder().insert().into(ResponseDigest).values({ employerId, lastVersion: 0, lastDigestAt: null }).orIgnore().execute();
  const claim = manager.createQueryBuilder(ResponseDigest, 'd').where('d.employerId = :employerId', { employerId });
  if (manager.connection.options.type === 'postgres') claim.setLock('pessimistic_write').setOnLocked('skip_locked');
  const mark = await claim.getOne();
  // Another process holds this employer's watermark: its digest covers these responses.
  if (!mark) return null;

  const responses = await manager
    .createQueryBuilder(VacancyResponse, 'r')
    .leftJoin(Candidate, 'c', 'c.id = r.candidateId')
    .select('r.id', 'id')
    .addSelect('r.fairId', 'fair_id')
    .addSelect('r.vacancyId', 'vacancy_id')
    .addSelect('r.vacancyTitle', 'vacancy_title')
    .addSelect('r.candidateName', 'candidate_name')
    .addSelect('c.name', 'profile_name')
    .addSelect('r.wantsVideoInterview', 'wants_video')
    .addSelect('r.version', 'version')
    .where('r.employerId = :employerId', { employerId })
    .andWhere('r.version > :after', { after: mark.lastVersion })
    .orderBy('r.createdAt', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .getRawMany<RawResponse>();
  if (responses.length === 0) return null;
  const newest = Math.max(...responses.map((r) => Number(r.version)));

  const employer = await manager.findOneByOrFail(Employer, { id: employerId });
  const fairs = await manager.findBy(Fair, { id: In([...new Set(responses.map((r) => r.fair_id))]) });
  const recipients = await manager.find(User, {
    where: { employerId, role: In(['employer_admin', 'employer_manager']), active: true },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  const digestFairs = groupByFair(responses, fairs, (fairId) => mailSettingsOf(manager.connection).links.fair(fairId));
  const requests: MailRequest[] = recipients.map((user) => ({
    template: 'responsesDigest',
    vars: { recipientName: user.displayName, employerName: employer.name, count: responses.length, fairs: digestFairs },
    locale: user.locale,
    to: { address: user.email, name: user.displayName },
    centreId: null,
    employerId,
    dedupeKey: `digest:${employerId}:${newest}:${user.id}`,
  }));
  const queued = await enqueueMails(manager, now, requests);
  await manager.update(ResponseDigest, { employerId }, { lastVersion: newest, lastDigestAt: now });
  return queued;
}

interface RawResponse {
  id: string;
  fair_id: string;
  vacancy_id: string;
  vacancy_title: string;
  candidate_name: string | null;
  profile_name: string | null;
  wants_video: boolean | number;
  version: string | number;
}

/** Fairs in date order, vacancies by title, candidates in the order they responded. */
function groupByFair(responses: RawResponse[], fairs: Fair[], fairUrl: (fairId: string) => string): DigestFair[] {
  const byFair = new Map<string, Map<string, RawResponse[]>>();
  for (const r of responses) {
    const vacancies = byFair.get(r.fair_id) ?? new Map<string, RawResponse[]>();
    byFair.set(r.fair_id, vacancies);
    vacancies.set(r.vacancy_id, [...(vacancies.get(r.vacancy_id) ?? []), r]);
  }
  const fairById = new Map(fairs.map((f) => [f.id, f]));
  return [...byFair.entries()]
    .map(([fairId, vacancies]) => ({ fair: fairById.get(fairId), fairId, vacancies }))
    .sort((a, b) => (a.fair?.startsOn ?? '').localeCompare(b.fair?.startsOn ?? '') || (a.fair?.title ?? '').localeCompare(b.fair?.title ?? ''))
    .map(({ fair, fairId, vacancies }) => ({
      title: fair?.title ?? '',
      url: fairUrl(fairId),
      count: [...vacancies.values()].reduce((n, list) => n + list.length, 0),
      vacancies: [...vacancies.values()]
        .map((list) => ({
          title: list[0]?.vacancy_title ?? '',
          count: list.length,
          candidates: list.slice(0, DIGEST_NAMES_PER_VACANCY).map((r) => ({
            name: r.candidate_name || r.profile_name || '—',
            wantsVideoInterview: r.wants_video === true || Number(r.wants_video) === 1,
          })),
        }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    }));
}

export interface DigestSchedule {
  /** Runs a digest now (after the one in progress); what tests and the timer call. */
  runNow(): Promise<DigestRunResult>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs the digest every `intervalMs` (FAIRDESK_DIGEST_INTERVAL_MINUTES), the first time one
 * interval after start. Runs never overlap within a process; a failed run (database restarting)
 * is logged and the next interval tries again — nothing is lost, the watermark did not move.
 */
export function scheduleResponseDigest(tx: TransactionRunner, options: { intervalMs: number; logger: Logger; now?: () => number }): DigestSchedule {
  let running: Promise<DigestRunResult> = Promise.resolve({ employers: 0, mails: 0 });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const runNow = (): Promise<DigestRunResult> => {
    running = running
      .catch(() => ({ employers: 0, mails: 0 }))
      .then(() => runResponseDigest(tx, options.now ? { now: options.now } : {}));
    return running;
  };
  const tick = (): void => {
    if (stopped) return;
    void runNow()
      .then((r) => {
        if (r.mails > 0) options.logger.info({ employers: r.employers, mails: r.mails }, 'response digest queued');
      })
      .catch((err: unknown) => options.logger.warn({ err }, 'response digest run failed'))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, options.intervalMs);
        timer.unref();
      });
  };
  timer = setTimeout(tick, options.intervalMs);
  timer.unref();
  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
