import type { EntityManager } from 'typeorm';
import { MetaEntry, type MetaKey } from './entities';

/** Typed access to the `meta` key/value table, inside the caller's transaction. */

export async function readMeta(m: EntityManager, key: MetaKey): Promise<string | null> {
  const row = await m.findOneBy(MetaEntry, { key });
  return row ? row.value : null;
}

export async function writeMeta(m: EntityManager, key: MetaKey, value: string): Promise<void> {
  await m.upsert(MetaEntry, { key, value }, ['key']);
}

export async function deleteMeta(m: EntityManager, key: MetaKey): Promise<void> {
  await m.delete(MetaEntry, { key });
}

/** A non-negative integer stored under `key`, or `fallback` when absent (or unreadable). */
export async function readCounter(m: EntityManager, key: MetaKey, fallback: number): Promise<number> {
  const raw = await readMeta(m, key);
  const value = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}
