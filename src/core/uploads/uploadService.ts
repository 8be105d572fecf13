import { createHash, randomUUID } from 'node:crypto';
import type { IpcOutput, IpcParsedInput, LocalUpload } from '../../shared/contract/ipc';
import { UPLOAD_RULES, type UploadKind } from '../../shared/domain/uploads';
import type { CacheStore } from '../cache/cacheStore';
import { UploadRow } from '../cache/entities';
import { listPendingUploads, uploadFromRow } from '../cache/localRecords';
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

  /** Files still queued or refused. Empty while signed out. */
  async pending(): Promise<LocalUpload[]> {
    if (!(await this.deps.session.current())) return [];
    return this.deps.cache.read(listPendingUploads);
  }
}
