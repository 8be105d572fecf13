import crypto from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { UploadKind } from '../../shared/domain/uploads';
import { Upload, type User } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
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
 * The row is inserted through the TransactionRunner: on SQLite an insert outside it could land in
 * another open transaction and be rolled back with it, after the client was told 201.
 */
export class UploadService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly files: UploadFileStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks the right to upload `kind` before any byte is read (so a refused caller costs nothing). */
  assertMayUpload(user: User, kind: UploadKind): void {
    assertMayUpload(user, kind);
  }

  async create(user: User, input: NewUpload): Promise<Upload> {
    return this.store(user, crypto.randomUUID(), input);
  }

  /**
   * The upload under a client-chosen id (the desktop generated it offline and already refers to it
   * in queued changes). Idempotent: the same id again with the same bytes, by the same employer
   * (or the same user), answers the stored upload (`created: false`); the same id with other bytes,
   * another kind or another owner is a 409. New content gets the same checks as {@link create}.
   */
  async put(user: User, id: string, input: NewUpload): Promise<{ upload: Upload; created: boolean }> {
    assertMayUpload(user, input.kind);
    const repository = this.tx.reads.getRepository(Upload);
    const existing = await repository.findOneBy({ id });
    if (existing) return { upload: this.sameUpload(user, existing, input), created: false };
    try {
      return { upload: await this.store(user, id, input), created: true };
    } catch (err) {
      // Two sends of the same queued file raced: the loser answers like a replay.
      const raced = await repository.findOneBy({ id });
      if (raced) return { upload: this.sameUpload(user, raced, input), created: false };
      throw err;
    }
  }

  /** A replayed PUT: the stored upload when it is the same file of the same owner; 409 otherwise. */
  private sameUpload(user: User, existing: Upload, input: NewUpload): Upload {
    const sameOwner = existing.uploadedBy === user.id || (user.employerId !== null && existing.employerId === user.employerId);
    const sameBytes = existing.sha256 === crypto.createHash('sha256').update(input.bytes).digest('hex');
    if (!sameOwner) throw new ServerError('conflict', 409, 'This upload id is already taken by another file. Add the file again to send it under a new id.');
    if (!sameBytes || existing.kind !== input.kind) {
      throw new ServerError('conflict', 409, 'A different file was already uploaded under this id. Add the file again to send it under a new id.');
    }
    return existing;
  }

  private async store(user: User, id: string, input: NewUpload): Promise<Upload> {
    assertMayUpload(user, input.kind);
    const found = await inspectUpload(input.bytes, {
      kind: input.kind,
      ...(input.declaredName !== undefined ? { declaredName: input.declaredName } : {}),
      ...(input.declaredMime !== undefined ? { declaredMime: input.declaredMime } : {}),
    });
    const wroteFile = await this.files.put(found.sha256, input.bytes);
    const row = this.tx.db.getRepository(Upload).create({
      id,
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
      await this.tx.job((manager) => manager.insert(Upload, row));
    } catch (err) {
      // Keep "no row, no file": drop a file this call wrote unless another row took it meanwhile.
      if (wroteFile && !(await this.tx.read((m) => m.existsBy(Upload, { sha256: found.sha256 })))) {
        await this.files.remove(found.sha256);
      }
      throw err;
    }
    return row;
  }

  /** The upload and an open handle on its bytes, when `user` may see it; 404 otherwise (no existence leak). */
  async open(user: User, id: string): Promise<{ upload: Upload; file: FileHandle }> {
    const upload = await this.tx.reads.getRepository(Upload).findOneBy({ id });
    if (!upload || !(await mayRead(this.tx.reads, user, upload))) throw notFound();
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
