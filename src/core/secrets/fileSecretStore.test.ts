import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from './fileSecretStore';

describe('FileSecretStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const tempFile = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-secret-'));
    dirs.push(dir);
    return path.join(dir, 'sub', 'session-token');
  };

  it('stores the token in a file only its owner can read, and forgets it', async () => {
    const file = tempFile();
    const store = new FileSecretStore(file);
    expect(await store.get()).toBeNull();
    await store.set('tok-1');
    expect(await store.get()).toBe('tok-1');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await store.set('tok-2');
    expect(await new FileSecretStore(file).get()).toBe('tok-2');
    await store.clear();
    await store.clear();
    expect(await store.get()).toBeNull();
  });
});
