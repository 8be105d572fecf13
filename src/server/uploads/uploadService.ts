import crypto from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import type { UploadKind } from '../../shared/domain/uploads';
import { Upload, type User } from '../db/entities';
import { ServerError } from '../errors';
import { assertMayUpload, mayRead } from './access';
import { sanitiseFileName } from './fileName';
import type { UploadFileStore } from './fileStore';
import { inspectUpload } from './inspect';

export interface NewUpload {
  kind: UploadKind;
  bytes: Buffer;
  /** The user's file name as sent (sanitised here); only wording and downloads use it. */
  declaredName?: string;
  declaredMime?: string;
}

const notFound = (): ServerError => new ServerError('not_found', 404, 'There is no such file, or it is not yours to see.');

/**
 * Uploads end to end: who may, inspection of the content, content-addressed storage and the
 * `uploads` row. Nothing is stored — no file, no row — unless inspection accepts the bytes.
 */
export class UploadService {
  constructor(
    private readonly db: DataSource,
    private readonly files: UploadFileStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks the right to upload `kind` before any byte is read (so a refused caller costs nothing). */
  assertMayUpload(user: User, kind: UploadKind): void {
    assertMayUpload(user, kind);
  }

  async create(user: User, input: NewUpload): Promise<Upload> {
    assertMayUpload(user, input.kind);
    const found = await inspectUpload(input.bytes, {
      kind: input.kind,
      ...(input.declaredName !== undefined ? { declaredName: input.declaredName } : {}),
      ...(input.declaredMime !== undefined ? { declaredMime: input.declaredMime } : {}),
    });
    const wroteFile = await this.files.put(found.sha256, input.bytes);
    const row = this.db.getRepository(Upload).create({
      id: crypto.randomUUID(),
      kind: input.kind,
      mime: found.mime,
      size: found.size,
      sha256: found.sha256,
      originalName: sanitiseFileName(input.declaredName, `${input.kind}.${found.ext}`),
      width: found.width ?? null,
      height: found.height ?? null,
      employerId: user.employerId,
      candidateId: null,
      uploadedBy: user.id,
      createdAt: this.now(),
    });
    try {
      await this.db.getRepository(Upload).insert(row);
    } catch (err) {
      // Keep "no row, no file": drop a file this call wrote unless another row took it meanwhile.
      if (wroteFile && !(await this.db.getRepository(Upload).existsBy({ sha256: found.sha256 }))) {
        await this.files.remove(found.sha256);
      }
      throw err;
    }
    return row;
  }

  /** The upload and an open handle on its bytes, when `user` may see it; 404 otherwise (no existence leak). */
  async open(user: User, id: string): Promise<{ upload: Upload; file: FileHandle }> {
    const upload = await this.db.getRepository(Upload).findOneBy({ id });
    if (!upload || !(await mayRead(this.db, user, upload))) throw notFound();
    try {
      return { upload, file: await this.files.open(upload.sha256) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ServerError('not_found', 404, 'The file of this upload is missing on the server.');
      }
      throw err;
    }
  }
}
