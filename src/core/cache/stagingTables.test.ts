import { afterEach, describe, expect, it } from 'vitest';
import { makeCentre, makePreApplication } from '../testing/fixtures';
import { CacheStore } from './cacheStore';
import { IN_MEMORY } from './openCache';
import { applyOps } from './patch';
import { createStagingTables, stagingTableNames, swapInStagingTables } from './stagingTables';

describe('staging tables swap', () => {
  let cache: CacheStore;
  afterEach(async () => cache.close());

  const count = async (table: string): Promise<number> =>
    ((await cache.read((m) => m.query(`SELECT count(*) AS n FROM "${table}"`))) as Array<{ n: number }>)[0]!.n;
  const schema = (): Promise<unknown[]> =>
    cache.read((m) => m.query(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name NOT LIKE 'staging_%' ORDER BY type, name`));

  it('rolls back with its transaction: the old live rows, indexes and the staged copy all stay', async () => {
    cache = await CacheStore.open(IN_MEMORY);
    const centreId = makeCentre().id;
    await cache.write((m) => applyOps(m, [{ op: 'put', entity: 'preApplication', value: makePreApplication({ centreId }) }]));
    const before = await schema();
    await cache.write(async (m) => {
      await createStagingTables(m);
      const staged = [1, 2, 3].map(() => ({ op: 'put' as const, entity: 'preApplication' as const, value: makePreApplication({ centreId }) }));
      await applyOps(m, staged, stagingTableNames(m));
    });

    await expect(
      cache.write(async (m) => {
        await swapInStagingTables(m);
        throw new Error('crash after the swap');
      }),
    ).rejects.toThrow('crash after the swap');
    expect(await count('pre_applications')).toBe(1);
    expect(await count('staging_pre_applications')).toBe(3);
    expect(await schema()).toEqual(before);

    await cache.write((m) => swapInStagingTables(m));
    expect(await count('pre_applications')).toBe(3);
    expect(await schema()).toEqual(before);
    expect(await cache.read((m) => m.query(`SELECT name FROM sqlite_master WHERE name LIKE 'staging_%'`))).toEqual([]);
  });
});
