import fs from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import type { CoreLogger } from '../core/logger';
import type { SecretStore } from '../core/secrets/secretStore';

/**
 * The session token, encrypted with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet)
 * and written to a 0600 file. Where encryption is unavailable the token is kept in memory only
 * (the user signs in again after a restart) — it is never written in clear text.
 */
export function createSafeStorageSecretStore(file: string, safeStorage: SafeStorage, logger: CoreLogger): SecretStore {
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    logger.warn(
      {},
      'no OS keyring found (safeStorage backend is basic_text): the session token is only obfuscated on disk; install gnome-keyring or kwallet for real encryption',
    );
  }
  let memoryOnly: string | null = null;

  return {
    async get() {
      if (!safeStorage.isEncryptionAvailable()) return memoryOnly;
      let encrypted: Buffer;
      try {
        encrypted = await fs.readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        return safeStorage.decryptString(encrypted);
      } catch (error) {
        // A keyring reset or a copied profile: the token is unreadable, so the user signs in again.
        logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'stored session token cannot be decrypted');
        return null;
      }
    },
    async set(token) {
      if (!safeStorage.isEncryptionAvailable()) {
        logger.warn({}, 'safeStorage encryption is unavailable: keeping the session token in memory only');
        memoryOnly = token;
        return;
      }
      const temporary = `${file}.tmp`;
      await fs.writeFile(temporary, safeStorage.encryptString(token), { mode: 0o600 });
      await fs.rename(temporary, file);
    },
    async clear() {
      memoryOnly = null;
      await fs.rm(file, { force: true });
    },
  };
}
