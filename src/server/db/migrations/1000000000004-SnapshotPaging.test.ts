import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { Accounts1000000000001 } from './1000000000001-Accounts';
import { FairsAndPreApplications1000000000002 } from './1000000000002-FairsAndPreApplications';
import { SyncEngine1000000000003 } from './1000000000003-SyncEngine';
import { SnapshotPaging1000000000004 } from './1000000000004-SnapshotPaging';

describe.each(databaseKindsUnderTest())('migration 1000000000004 SnapshotPaging on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new SnapshotPaging1000000000004();

  const indexColumns = async (): Promise<string[]> => {
    const table = await q.getTable('pre_applications');
    // TypeORM's getTable lists an index's columns in table order on PostgreSQL (not index order),
    // so compare sets; the real order (tenant, id) is what the paging query plan relies on.
    return (table?.indices ?? []).map((i) => `${i.name}:${[...i.columnNames].sort().join(',')}`).sort();
  };

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    await new Accounts1000000000001().up(q);
    await new FairsAndPreApplications1000000000002().up(q);
    await new SyncEngine1000000000003().up(q);
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  it('replaces the tenant indexes with (tenant, id) indexes that serve keyset pages', async () => {
    const before = await indexColumns();
    expect(before).toEqual(expect.arrayContaining(['idx_pre_applications_centre:centre_id', 'idx_pre_applications_employer:employer_id']));
    await migration.up(q);
    const after = await indexColumns();
    expect(after).toEqual(
      expect.arrayContaining(['idx_pre_applications_centre_id:centre_id,id', 'idx_pre_applications_employer_id:employer_id,id']),
    );
    expect(after.some((i) => i.startsWith('idx_pre_applications_centre:'))).toBe(false);
    expect(after.some((i) => i.startsWith('idx_pre_applications_employer:'))).toBe(false);
  });

  it('down() restores the single-column indexes', async () => {
    await migration.down(q);
    const restored = await indexColumns();
    expect(restored).toEqual(expect.arrayContaining(['idx_pre_applications_centre:centre_id', 'idx_pre_applications_employer:employer_id']));
    expect(restored.some((i) => i.startsWith('idx_pre_applications_centre_id:'))).toBe(false);
  });
});
