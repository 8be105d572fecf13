import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse, SCHEMA_VERSION } from '../../shared/api/http';
import { Employer, User } from '../db/entities';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../db/testDatabases';
import { ServerError } from '../errors';
import { seedDemoWorld } from '../seed/demoWorld';
import { assertSupportedSchema, pullSnapshot } from './pullService';

type Put = Extract<PullResponse['patch'][number], { op: 'put' }>;
type PutValue<E extends Put['entity']> = Extract<Put, { entity: E }>['value'];
const valuesOf = <E extends Put['entity']>(patch: PullResponse['patch'], entity: E): Array<PutValue<E>> =>
  patch.flatMap((op) => (op.op === 'put' && op.entity === entity ? [op.value as PutValue<E>] : []));

describe.each(databaseKindsUnderTest())('pull scope on %s', (kind) => {
  let t: TestDatabase;
  const user = (email: string) => t.db.getRepository(User).findOneByOrFail({ email });
  const pull = async (email: string) => PullResponse.parse(await pullSnapshot(t.db, await user(email)));

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await seedDemoWorld(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('gives a moderator its own centre, fairs, queue and the companies in it', async () => {
    const moderator = await user('moderator@fairdesk.demo');
    const result = await pull('moderator@fairdesk.demo');
    expect(result).toMatchObject({ cookie: '1', lastMutationId: 0, reset: true });
    expect(valuesOf(result.patch, 'centre').map((c) => c.id)).toEqual([moderator.centreId]);
    expect(valuesOf(result.patch, 'fair').every((f) => f.centreId === moderator.centreId)).toBe(true);
    const apps = valuesOf(result.patch, 'preApplication');
    expect(apps).toHaveLength(4);
    expect(apps.every((a) => a.centreId === moderator.centreId)).toBe(true);
    expect(valuesOf(result.patch, 'company').map((c) => c.legalName).sort()).toEqual([
      'KazLogistics LLP', 'KazLogistics Retail LLP', 'Steppe Foods JSC',
    ]);
  });

  it('keeps another centre’s moderator out of the first centre', async () => {
    const almaty = await user('moderator@fairdesk.demo');
    const result = await pull('moderator.astana@fairdesk.demo');
    const text = JSON.stringify(result.patch);
    expect(text).not.toContain(almaty.centreId);
    expect(valuesOf(result.patch, 'preApplication')).toHaveLength(1);
    expect(valuesOf(result.patch, 'company').map((c) => c.legalName)).toEqual(['KazLogistics LLP']);
  });

  it('gives employer users public fairs and centres but only their own companies and applications', async () => {
    const steppe = await t.db.getRepository(Employer).findOneByOrFail({ name: 'Steppe Foods' });
    for (const email of ['admin@kazlogistics.demo', 'manager1@kazlogistics.demo']) {
      const result = await pull(email);
      expect(valuesOf(result.patch, 'centre')).toHaveLength(2);
      expect(valuesOf(result.patch, 'fair')).toHaveLength(2);
      expect(valuesOf(result.patch, 'company')).toHaveLength(2);
      expect(valuesOf(result.patch, 'preApplication')).toHaveLength(3);
      expect(JSON.stringify(result.patch)).not.toContain(steppe.id);
    }
    const result = await pull('admin@steppefoods.demo');
    expect(valuesOf(result.patch, 'preApplication').map((a) => a.companyName)).toEqual([
      'Steppe Foods JSC', 'Steppe Foods JSC',
    ]);
  });

  it('refuses schema versions it does not speak', () => {
    expect(() => assertSupportedSchema(SCHEMA_VERSION)).not.toThrow();
    for (const v of [0, SCHEMA_VERSION + 1]) {
      const error = (() => { try { assertSupportedSchema(v); } catch (e) { return e; } return undefined; })();
      expect(error).toBeInstanceOf(ServerError);
      expect((error as ServerError).code).toBe('upgrade_required');
    }
  });
});
