import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CareerCentre, Fair } from '../db/entities';
import { openTestDatabase, type TestDatabase } from '../db/testDatabases';
import { listPublicFairs, todayIn } from './publicFairs';

describe('public fairs', () => {
  let t: TestDatabase;
  const centreId = crypto.randomUUID();
  // 2026-10-01 20:30 UTC = 2026-10-02 01:30 in Almaty.
  const NOW = Date.UTC(2026, 9, 1, 20, 30);

  beforeAll(async () => {
    t = await openTestDatabase('sqlite');
    await t.db.getRepository(CareerCentre).insert({ id: centreId, name: 'Almaty City Career Centre', region: 'Almaty', timeZone: 'Asia/Almaty', holidays: [] });
    const fair = (title: string, day: string) => ({
      id: crypto.randomUUID(), centreId, title, region: 'Almaty', city: 'Almaty', startsOn: day, endsOn: day,
      description: '', createdAt: 1, updatedAt: 1,
    });
    await t.db.getRepository(Fair).insert([fair('Yesterday in Almaty', '2026-10-01'), fair('Today in Almaty', '2026-10-02'), fair('Later', '2026-11-02')]);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('computes "today" in the centre’s zone', () => {
    expect(todayIn('Asia/Almaty', NOW)).toBe('2026-10-02');
    expect(todayIn('UTC', NOW)).toBe('2026-10-01');
  });

  it('lists fairs that have not ended in the centre’s zone, with the centre name', async () => {
    const fairs = await listPublicFairs(t.db, NOW);
    expect(fairs.map((f) => [f.title, f.centreName])).toEqual([
      ['Today in Almaty', 'Almaty City Career Centre'],
      ['Later', 'Almaty City Career Centre'],
    ]);
  });
});
