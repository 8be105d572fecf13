import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { UploadResponse, routes } from '../../shared/api/http';
import { FILE_NAME_HEADER, UPLOAD_RULES } from '../../shared/domain/uploads';
import { Upload } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { ServerError } from '../errors';
import { bearerToken } from '../http/auth';
import { sendJson } from '../http/validation';
import { contentDisposition, decodeFileNameHeader, sanitiseFileName } from '../uploads/fileName';
import type { UploadFileStore } from '../uploads/fileStore';
import { inspectUpload, tooLarge } from '../uploads/inspect';
import { readLimited, StreamTooLargeError } from '../uploads/readLimited';
import type { CandidateSessions } from './candidateSessions';
import { candidateToken } from './cookies';

export interface CandidateUploadDeps {
  /** Writes go through it (on SQLite an insert outside it could land in, and die with, another transaction). */
  tx: TransactionRunner;
  sessions: CandidateSessions;
  files: UploadFileStore;
  checkResponses: boolean;
  now?: () => number;
}

/** As the employer route: keep draining a refused oversized body briefly so the 413 is read. */
const LINGER_MS = 2_000;

/**
 * The candidate side of `POST /api/uploads/:kind`, mounted in front of the employer route: a
 * request with a portal session cookie and no bearer token is a candidate's, who may upload kind
 * `resume` only. Same limits and content inspection as for employers; the row belongs to the
 * candidate (`candidate_id`), and nothing is stored unless inspection accepts the bytes. Requests
 * with a bearer token (or without any credential) go on to the employer route unchanged.
 */
export function candidateUploadRouter(deps: CandidateUploadDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;
  router.post(routes.uploadCreate.path, async (req: Request<{ kind: string }>, res, next) => {
    const token = candidateToken(req);
    if (bearerToken(req) !== undefined || token === undefined) {
      next();
      return;
    }
    const { candidate } = await deps.sessions.authenticate(token);
    if (req.params.kind !== 'resume') {
      throw new ServerError('forbidden', 403, 'Candidates can upload resumes only (PDF, DOC or DOCX).');
    }
    const limit = UPLOAD_RULES.resume.maxBytes;
    const declaredLength = Number(req.get('content-length') ?? Number.NaN);
    if (declaredLength > limit) {
      lingerThenClose(req, res);
      throw tooLarge('resume', declaredLength);
    }
    let bytes: Buffer;
    try {
      bytes = await readLimited(req, limit);
    } catch (err) {
      if (!(err instanceof StreamTooLargeError)) throw err;
      lingerThenClose(req, res);
      throw tooLarge('resume', undefined);
    }
    const declaredName = decodeFileNameHeader(req.get(FILE_NAME_HEADER));
    const declaredMime = req.get('content-type');
    const found = await inspectUpload(bytes, {
      kind: 'resume',
      ...(declaredName !== undefined ? { declaredName } : {}),
      ...(declaredMime !== undefined ? { declaredMime } : {}),
    });
    const wroteFile = await deps.files.put(found.sha256, bytes);
    const row = deps.tx.db.getRepository(Upload).create({
      id: crypto.randomUUID(),
      kind: 'resume',
      mime: found.mime,
      size: found.size,
      sha256: found.sha256,
      originalName: sanitiseFileName(declaredName, `resume.${found.ext}`),
      width: null,
      height: null,
      employerId: null,
      candidateId: candidate.id,
      uploadedBy: null,
      createdAt: now(),
    });
    try {
      await deps.tx.job((manager) => manager.insert(Upload, row));
    } catch (err) {
      // Keep "no row, no file", as the employer route does.
      if (wroteFile && !(await deps.tx.read((m) => m.existsBy(Upload, { sha256: found.sha256 })))) await deps.files.remove(found.sha256);
      throw err;
    }
    sendJson(
      res,
      UploadResponse,
      { id: row.id, mime: row.mime, size: row.size, sha256: row.sha256, width: null, height: null },
      deps.checkResponses,
      201,
    );
  });

  /** The candidate side of `GET /api/uploads/:id`: a candidate reads its own resumes only (404 otherwise, no existence leak). */
  router.get(routes.uploadGet.path, async (req: Request<{ id: string }>, res, next) => {
    const token = candidateToken(req);
    if (bearerToken(req) !== undefined || token === undefined) {
      next();
      return;
    }
    const { candidate } = await deps.sessions.authenticate(token);
    const id = req.params.id.toLowerCase();
    const upload = UUID.test(id) ? await deps.tx.reads.getRepository(Upload).findOneBy({ id }) : null;
    if (upload?.kind !== 'resume' || upload.candidateId !== candidate.id) {
      throw new ServerError('not_found', 404, 'There is no such file, or it is not yours to see.');
    }
    let file;
    try {
      file = await deps.files.open(upload.sha256);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ServerError('not_found', 404, 'The file of this upload is missing on the server.');
      throw err;
    }
    res.status(200).set({
      'Content-Type': upload.mime,
      'Content-Length': String(upload.size),
      'Content-Disposition': contentDisposition('attachment', upload.originalName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-cache',
    });
    const stream = file.createReadStream();
    stream.once('error', () => res.destroy());
    stream.pipe(res);
  });
  return router;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function lingerThenClose(req: Request, res: Response): void {
  res.once('finish', () => {
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
    req.resume();
  });
}
