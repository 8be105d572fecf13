/**
 * Where the host keeps the session's bearer token, apart from the cache: Electron encrypts it
 * with safeStorage, the browser host writes a 0600 file, tests keep it in memory.
 * Implementations must never log the token.
 */
export interface SecretStore {
  /** The stored token, or null when there is none (or it can no longer be read). */
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  /** Forgets the token; succeeds when there is none. */
  clear(): Promise<void>;
}

/** Keeps the token for the life of the process only (tests; hosts without a safe store). */
export class MemorySecretStore implements SecretStore {
  private token: string | null = null;

  async get(): Promise<string | null> {
    return this.token;
  }

  async set(token: string): Promise<void> {
    this.token = token;
  }

  async clear(): Promise<void> {
    this.token = null;
  }
}
