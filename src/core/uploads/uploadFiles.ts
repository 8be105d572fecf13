import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the core keeps the bytes of uploads: `<dataDir>/uploads/<id>` (0700 folder, 0600 files),
 * or memory for an in-memory core (tests, `:memory:`). Ids are uuids checked here, so a name
 * can never leave the folder.
 */
export interface UploadFiles {
  write(id: string, bytes: Buffer): Promise<void>;
  /** null when the bytes are not here (never fetched, or removed). */
  read(id: string): Promise<Buffer | null>;
  remove(id: string): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkedId(id: string): string {
  if (!UUID.test(id)) throw new Error(`not an upload id: ${id}`);
  return id.toLowerCase();
}

export function memoryUploadFiles(): UploadFiles {
  const files = new Map<string, Buffer>();
  return {
    write: async (id, bytes) => void files.set(checkedId(id), Buffer.from(bytes)),
    read: async (id) => files.get(checkedId(id)) ?? null,
    remove: async (id) => void files.delete(checkedId(id)),
  };
}

export function folderUploadFiles(dir: string): UploadFiles {
  const fileOf = (id: string): string => path.join(dir, checkedId(id));
  let ready: Promise<unknown> | null = null;
  return {
    async write(id, bytes) {
      ready ??= fs.mkdir(dir, { recursive: true, mode: 0o700 });
      await ready;
      // Written aside and renamed: a crash never leaves half a file under the id.
      const temporary = `${fileOf(id)}.part`;
      await fs.writeFile(temporary, bytes, { mode: 0o600 });
      await fs.rename(temporary, fileOf(id));
    },
    async read(id) {
      try {
        return await fs.readFile(fileOf(id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(id) {
      await fs.rm(fileOf(id), { force: true });
    },
  };
}

/** The store for a core's data dir (`':memory:'`: memory). */
export const uploadFilesFor = (dataDir: string): UploadFiles =>
  dataDir === ':memory:' ? memoryUploadFiles() : folderUploadFiles(path.join(dataDir, 'uploads'));
