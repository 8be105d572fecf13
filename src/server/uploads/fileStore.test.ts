import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UploadFileStore } from './fileStore';

const sha = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

describe('UploadFileStore', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-uploads-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores content under <prefix>/<sha256>, once, leaving no temp files', async () => {
    const bytes = Buffer.from('hello stand');
    const hash = sha(bytes);
    const store = new UploadFileStore(root);
    expect(await store.put(hash, bytes)).toBe(true);
    expect(await store.put(hash, bytes)).toBe(false);
    expect(fs.readdirSync(root)).toEqual([hash.slice(0, 2)]);
    expect(fs.readdirSync(path.join(root, hash.slice(0, 2)))).toEqual([hash]);
    expect(fs.readFileSync(store.pathOf(hash))).toEqual(bytes);
    const handle = await store.open(hash);
    expect((await handle.readFile()).equals(bytes)).toBe(true);
    await handle.close();
  });

  it('refuses anything but a sha256 as an address (no path tricks)', () => {
    const store = new UploadFileStore(root);
    expect(() => store.pathOf('../../etc/passwd')).toThrow();
    expect(() => store.pathOf('A'.repeat(64))).toThrow();
  });

  it('removes a file again', async () => {
    const bytes = Buffer.from('x');
    const store = new UploadFileStore(root);
    await store.put(sha(bytes), bytes);
    await store.remove(sha(bytes));
    expect(fs.existsSync(store.pathOf(sha(bytes)))).toBe(false);
  });
});
