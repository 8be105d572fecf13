import { describe, expect, it } from 'vitest';
import { HOST_SECRET_KEY, takeHostSecret, type SecretEnvironment } from './hostSecret';

function environment(search: string, hash = '#/login', stored: Record<string, string> = {}) {
  const replaced: string[] = [];
  const storage = new Map(Object.entries(stored));
  const env: SecretEnvironment = {
    location: { search, pathname: '/', hash },
    history: { replaceState: (_data, _unused, url) => replaced.push(url) },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { env, replaced, storage };
}

describe('takeHostSecret', () => {
  it('takes k from the query, stores it and strips it from the address, keeping the route', () => {
    const { env, replaced, storage } = environment('?k=abc123&lang=kk', '#/queue');
    expect(takeHostSecret(env)).toBe('abc123');
    expect(storage.get(HOST_SECRET_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/?lang=kk#/queue']);
  });

  it('leaves a clean address when k was the only parameter', () => {
    const { env, replaced } = environment('?k=abc123');
    takeHostSecret(env);
    expect(replaced).toEqual(['/#/login']);
  });

  it('reads the stored secret on a reload without touching the address', () => {
    const { env, replaced } = environment('', '#/login', { [HOST_SECRET_KEY]: 'kept' });
    expect(takeHostSecret(env)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('returns null when there is no secret anywhere, and survives missing storage', () => {
    expect(takeHostSecret(environment('').env)).toBeNull();
    const { env } = environment('?k=x');
    expect(takeHostSecret({ ...env, storage: null })).toBe('x');
  });
});
