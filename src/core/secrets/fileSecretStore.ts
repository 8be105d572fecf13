import fs from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from './secretStore';

/**
 * Stores the token as a file readable only by the current OS user (mode 0600).
 *
 * NOT ENCRYPTED: anyone who can read the user's files can read the token. It is what the browser
 * host uses (there is no OS keychain API in plain Node); the Electron app uses safeStorage.
 * The file is written to a temporary name and renamed, so a crash never leaves half a token.
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  async get(): Promise<string | null> {
    try {
      const token = (await fs.readFile(this.file, 'utf8')).trim();
      return token === '' ? null : token;
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  async set(token: string): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, token, { encoding: 'utf8', mode: 0o600 });
    await fs.rename(temporary, this.file);
  }

  async clear(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
