import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Content-addressed file storage: `<root>/<first 2 hex of sha256>/<sha256>`. Identical content is
 * stored once. Writes go to a temp file in the same folder and are renamed into place, so a reader
 * (or a crash) never sees a half-written file under a final name.
 */
export class UploadFileStore {
  constructor(readonly root: string) {}

  /** Where the file of `sha256` lives (whether or not it exists). */
  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  /**
   * Stores `bytes` under `sha256` (the caller has hashed them). Returns `true` when this call wrote
   * the file, `false` when identical content was already there.
   */
  async put(sha256: string, bytes: Buffer): Promise<boolean> {
    const target = this.pathOf(sha256);
    if (await exists(target)) return false;
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${crypto.randomUUID()}.tmp`;
    try {
      await fs.promises.writeFile(temp, bytes, { flag: 'wx', mode: 0o640 });
      // rename() replaces atomically; a concurrent writer of the same content is harmless.
      await fs.promises.rename(temp, target);
    } catch (err) {
      await fs.promises.rm(temp, { force: true });
      throw err;
    }
    return true;
  }

  /** Removes the file of `sha256` (used to undo a `put` whose database row could not be written). */
  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }

  /** Opens the file for streaming; rejects with ENOENT when it is missing. */
  async open(sha256: string): Promise<fs.promises.FileHandle> {
    return fs.promises.open(this.pathOf(sha256), 'r');
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}
