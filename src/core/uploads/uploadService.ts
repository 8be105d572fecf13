import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IpcOutput, IpcParsedInput, LocalUpload } from '../../shared/contract/ipc';
import { UPLOAD_RULES, type UploadKind } from '../../shared/domain/uploads';
import type { CacheStore } from '../cache/cacheStore';
import { UploadRow } from '../cache/entities';
import { listPendingUploads, listStands, uploadFromRow } from '../cache/localRecords';
import { In } from 'typeorm';
import { standUploadIds } from '../../shared/domain/participation/stand';
import type { EventSink } from '../events';
import { RpcError } from '../rpc/handlerTable';
import type { ServerClient } from '../serverApi/serverClient';
import type { SessionService } from '../session/sessionService';
import { readJpeg } from '../../shared/files/jpeg';
import { readPng } from '../../shared/files/png';
import { inspectFile } from './inspectFile';
import type { UploadFiles } from './uploadFiles';

export interface UploadServiceDeps {
  cache: CacheStore;
  files: UploadFiles;
  session: SessionService;
  clientFor: (serverUrl: string) => ServerClient;
  emit: EventSink;
  /** Told after a file was queued: refreshes the counters and starts a sync (which sends it). */
  onQueued: () => void;
  now?: () => number;
  /** The host's "open with the default application" (see CoreOptions.openFile); absent = cannot. */
  openFile?: (filePath: string) => Promise<boolean>;
  /** Where files handed to other applications are written (null: nowhere, e.g. an in-memory cache). */
  openedDir: string | null;
}

/**
 * Files the user picks (stand images, resumes), offline-first: checked by content here, kept in
 * the data dir and queued; the sync's upload step sends them before the changes that refer to
 * them. Also the offline copy of files other people uploaded (fetched once, then kept).
 */
export class UploadService {
  private readonly now: () => number;

  constructor(private readonly deps: UploadServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Checks, keeps and queues a picked file; a file of the wrong kind is refused at once, saying what it is. */
  async add(input: IpcParsedInput<'uploads.add'>): Promise<LocalUpload> {
    if (!(await this.deps.session.current())) throw new RpcError('unauthenticated', 'Sign in to add files.');
    const bytes = Buffer.from(input.fileBase64, 'base64');
    const inspected = await inspectFile(bytes, input.kind, input.fileName);
    const row: UploadRow = {
      id: randomUUID(),
      kind: input.kind,
      fileName: input.fileName,
      mime: inspected.mime,
      size: bytes.length,
      width: inspected.width,
      height: inspected.height,
      state: 'queued',
      error: null,
      sha256: inspected.sha256,
      createdAt: this.now(),
    };
    // Bytes first: a row never points at a file that is not there.
    await this.deps.files.write(row.id, bytes);
    try {
      await this.deps.cache.write((m) => m.insert(UploadRow, row));
    } catch (error) {
      await this.deps.files.remove(row.id);
      throw error;
    }
    this.deps.emit('cache.changed', { entities: ['upload'] });
    this.deps.onQueued();
    return uploadFromRow(row);
  }

  /**
   * A file's bytes for display: the local copy, or — once, when online — the server's, kept for
   * offline use from then on (a moderator's stand preview, a resume).
   */
  async read(input: IpcParsedInput<'uploads.read'>): Promise<IpcOutput<'uploads.read'>> {
    const credentials = await this.deps.session.credentials();
    if (!credentials) throw new RpcError('unauthenticated', 'Sign in to see files.');
    const row = await this.deps.cache.read((m) => m.findOneBy(UploadRow, { id: input.id }));
    const local = row ? await this.deps.files.read(row.id) : null;
    if (row && local) return { upload: uploadFromRow(row), dataBase64: local.toString('base64') };
    if (row?.state === 'queued' || row?.state === 'refused') {
      throw new RpcError('not_found', `The file “${row.fileName}” is missing from this computer; pick it again.`);
    }
    const downloaded = await this.deps.clientFor(credentials.session.serverUrl).getUpload(credentials.token, input.id);
    const kind: UploadKind = UPLOAD_RULES.image.mimes.includes(downloaded.mime) ? 'image' : 'resume';
    const header = downloaded.mime === 'image/png' ? readPng(downloaded.bytes) : downloaded.mime === 'image/jpeg' ? readJpeg(downloaded.bytes) : null;
    const fetched: UploadRow = {
      id: input.id,
      kind,
      fileName: downloaded.fileName ?? input.id,
      mime: downloaded.mime,
      size: downloaded.bytes.length,
      width: header?.ok && header.width > 0 ? header.width : null,
      height: header?.ok && header.height > 0 ? header.height : null,
      state: 'uploaded',
      error: null,
      sha256: createHash('sha256').update(downloaded.bytes).digest('hex'),
      createdAt: this.now(),
    };
    await this.deps.files.write(fetched.id, downloaded.bytes);
    await this.deps.cache.write((m) => m.save(UploadRow, fetched));
    this.deps.emit('cache.changed', { entities: ['upload'] });
    return { upload: uploadFromRow(fetched), dataBase64: downloaded.bytes.toString('base64') };
  }

  /**
   * Hands a file to the computer's default application: a copy under the data dir's `opened/`
   * folder (named as the user knows it, so the viewer's title makes sense), then the host opens it.
   * False where the host cannot open files; the renderer falls back to a download.
   */
  async open(input: IpcParsedInput<'uploads.open'>): Promise<IpcOutput<'uploads.open'>> {
    if (!this.deps.openFile || this.deps.openedDir === null) return { opened: false };
    const { upload, dataBase64 } = await this.read({ id: input.id });
    const folder = path.join(this.deps.openedDir, checkedUuid(upload.id));
    const target = path.join(folder, safeFileName(upload.fileName, upload.mime));
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    await fs.writeFile(target, Buffer.from(dataBase64, 'base64'), { mode: 0o600 });
    return { opened: await this.deps.openFile(target) };
  }

  /**
   * Fetches, once, the images of every cached stand that are not on this computer yet, so a stand
   * preview works offline even if nobody opened it while online (a moderator reviewing the queue on
   * a train). At most `limit` files per call; a failure (offline) just leaves them for next time.
   * @returns how many files were fetched.
   */
  async prefetchStandImages(limit = 50): Promise<number> {
    const credentials = await this.deps.session.credentials();
    if (!credentials) return 0;
    const wanted = await this.deps.cache.read(async (m) => {
      const stands = await listStands(m);
      const ids = [...new Set(stands.flatMap((stand) => standUploadIds(stand)))];
      if (ids.length === 0) return [];
      const known = new Set((await m.findBy(UploadRow, { id: In(ids) })).map((row) => row.id));
      return ids.filter((id) => !known.has(id));
    });
    let fetched = 0;
    for (const id of wanted.slice(0, limit)) {
      try {
        await this.read({ id });
        fetched += 1;
      } catch {
        // Offline, or the image is gone on the server: the preview says so when opened; try next time.
        break;
      }
    }
    return fetched;
  }

  /** Files still queued or refused. Empty while signed out. */
  async pending(): Promise<LocalUpload[]> {
    if (!(await this.deps.session.current())) return [];
    return this.deps.cache.read(listPendingUploads);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const checkedUuid = (id: string): string => {
  if (!UUID.test(id)) throw new RpcError('bad_request', 'Not a file id.');
  return id;
};

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/**
 * A file name safe on every desktop file system, ending in the extension of what the content IS
 * (a viewer is chosen by extension; a name from another computer must not pick an executable's).
 */
export function safeFileName(name: string, mime: string): string {
  const ext = EXTENSIONS[mime] ?? 'bin';
  const base = name
    .replace(/\.[^.]*$/, '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return `${base || 'file'}.${ext}`;
}
