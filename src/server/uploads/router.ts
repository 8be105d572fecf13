import { Router, type Request, type Response } from 'express';
import { UploadResponse, routes } from '../../shared/api/http';
import { FILE_NAME_HEADER, UPLOAD_RULES, UploadKind } from '../../shared/domain/uploads';
import type { SessionService } from '../auth/sessionService';
import { ServerError } from '../errors';
import { UUID } from '../http/pathIds';
import { authOf, requireAuth } from '../http/auth';
import { sendJson } from '../http/validation';
import { contentDisposition, decodeFileNameHeader } from './fileName';
import { tooLarge } from './inspect';
import { readLimited, StreamTooLargeError } from './readLimited';
import type { Upload } from '../db/entities';
import type { UploadService } from './uploadService';

export interface UploadsRouterDeps {
  sessions: SessionService;
  uploads: UploadService;
  checkResponses: boolean;
}

/**
 * After refusing an oversized body, how long the server keeps draining (and discarding) the rest
 * before cutting the connection. Closing at once would send a TCP reset that can make the client
 * lose the 413 answer it has not read yet (the "lingering close" of nginx and Apache).
 */
const LINGER_MS = 2_000;


/**
 * `POST /api/uploads/:kind`, `PUT /api/uploads/:kind/:id` (client-chosen id) and `GET /api/uploads/:id`. Mounted before the JSON body parser: an
 * upload body is raw bytes, read here as a stream with a hard limit.
 */
export function uploadsRouter(deps: UploadsRouterDeps): Router {
  const router = Router();
  const auth = requireAuth(deps.sessions);

  /** Reads a checked, size-limited body for `kind`; answers 404 / 403 / 413 before storing anything. */
  const receive = async (req: Request, res: Response, rawKind: string) => {
    const parsedKind = UploadKind.safeParse(rawKind);
    if (!parsedKind.success) throw new ServerError('not_found', 404, `There is no upload kind "${rawKind}".`);
    const kind = parsedKind.data;
    const { user } = authOf(res);
    deps.uploads.assertMayUpload(user, kind);
    const limit = UPLOAD_RULES[kind].maxBytes;
    const declaredLength = Number(req.get('content-length') ?? Number.NaN);
    if (declaredLength > limit) {
      lingerThenClose(req, res);
      throw tooLarge(kind, declaredLength);
    }
    let bytes: Buffer;
    try {
      bytes = await readLimited(req, limit);
    } catch (err) {
      if (!(err instanceof StreamTooLargeError)) throw err;
      lingerThenClose(req, res);
      throw tooLarge(kind, undefined);
    }
    const declaredName = decodeFileNameHeader(req.get(FILE_NAME_HEADER));
    const declaredMime = req.get('content-type');
    return {
      user,
      input: {
        kind,
        bytes,
        ...(declaredName !== undefined ? { declaredName } : {}),
        ...(declaredMime !== undefined ? { declaredMime } : {}),
      },
    };
  };
  const answer = (res: Response, upload: Upload, status: number) =>
    sendJson(
      res,
      UploadResponse,
      { id: upload.id, mime: upload.mime, size: upload.size, sha256: upload.sha256, width: upload.width, height: upload.height },
      deps.checkResponses,
      status,
    );

  router.post(routes.uploadCreate.path, auth, async (req: Request<{ kind: string }>, res) => {
    const { user, input } = await receive(req, res, req.params.kind);
    answer(res, await deps.uploads.create(user, input), 201);
  });

  router.put(routes.uploadPut.path, auth, async (req: Request<{ kind: string; id: string }>, res) => {
    if (!UUID.test(req.params.id)) throw new ServerError('bad_request', 400, 'An upload id must be a uuid.');
    const { user, input } = await receive(req, res, req.params.kind);
    const { upload, created } = await deps.uploads.put(user, req.params.id.toLowerCase(), input);
    answer(res, upload, created ? 201 : 200);
  });

  router.get(routes.uploadGet.path, auth, async (req: Request<{ id: string }>, res) => {
    if (!UUID.test(req.params.id)) throw new ServerError('not_found', 404, 'There is no such file, or it is not yours to see.');
    const { upload, file } = await deps.uploads.open(authOf(res).user, req.params.id.toLowerCase());
    res.status(200).set({
      'Content-Type': upload.mime,
      'Content-Length': String(upload.size),
      'Content-Disposition': contentDisposition(upload.kind === 'image' ? 'inline' : 'attachment', upload.originalName),
      'X-Content-Type-Options': 'nosniff',
      // Never render a stored file as a page of ours, whatever a browser thinks it is.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-cache',
    });
    const stream = file.createReadStream();
    stream.once('error', () => res.destroy());
    stream.pipe(res);
  });

  return router;
}

/** Once the refusal is sent, drain the unread rest for a while (without keeping it), then hang up. */
function lingerThenClose(req: Request, res: Response): void {
  res.once('finish', () => {
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
    req.resume();
  });
}
