import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { serverMigrations } from './index';

describe.each(databaseKindsUnderTest())('server migrations as a whole on %s', (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('runs every migration, in number order, at start', async () => {
    const names = serverMigrations.map((M) => new M().name);
    expect(names).toEqual([...names].sort((a, b) => (a ?? '').slice(-13).localeCompare((b ?? '').slice(-13))));
    const rows: Array<{ name: string }> = await t.db.query('SELECT name FROM typeorm_migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(names);
  });

  it('leaves a schema that matches the entities exactly (no drift)', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('can be rolled back completely and re-applied', async () => {
    for (let i = 0; i < serverMigrations.length; i++) await t.db.undoLastMigration();
    expect(await t.db.showMigrations()).toBe(true);
    await t.db.runMigrations();
    expect(await t.db.showMigrations()).toBe(false);
  });
});
