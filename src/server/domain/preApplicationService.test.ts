import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest } from '../db/testDatabases';
import { User } from '../db/entities';
import { openTestWorld, type TestWorld } from '../sync/testWorld';

// Seeded on 2026-09-10 08:00 in Almaty (UTC+5). A fair on Monday 14 December 2026 closes for
// pre-applications at the end of Wednesday 9 December in Almaty = 2026-12-09T19:00Z.
const SEED_NOW = Date.UTC(2026, 8, 10, 3, 0);
const MONDAY_FAIR = '2026-12-14';
const CLOSES_AT = Date.UTC(2026, 11, 9, 19, 0);

describe.each(databaseKindsUnderTest())('pre-application rules (service level) on %s', (kind) => {
  let w: TestWorld;
  let fairId: string;

  beforeAll(async () => {
    w = await openTestWorld(kind, SEED_NOW);
    const moderator = await w.user('moderator@fairdesk.demo');
    fairId = crypto.randomUUID();
    expect(
      await w.run(({ fairs }) =>
        fairs.createFair(moderator, { id: fairId, title: 'December fair', city: 'Almaty', startsOn: MONDAY_FAIR, endsOn: MONDAY_FAIR, description: '' }),
      ),
    ).toBe('applied');
  });
  afterAll(async () => {
    await w?.dispose();
  });

  const create = async (email: string, place: { fairId: string | null; centreId?: string | null; desired?: [string, string] }, companyName = 'KazLogistics LLP') => {
    const args = w.application(await w.company(companyName), place);
    const outcome = await w.run(async ({ applications }) => applications.createPreApplication(await w.user(email), args));
    return { id: args.id, outcome };
  };

  it('accepts a way-2 application until the end of the last day in the centre’s zone, then refuses it', async () => {
    w.clock.now = CLOSES_AT - 1;
    const onTime = await create('admin@kazlogistics.demo', { fairId });
    expect(onTime.outcome).toBe('applied');
    w.clock.now = CLOSES_AT;
    expect((await create('manager1@kazlogistics.demo', { fairId })).outcome).toEqual({
      code: 'deadline_passed',
      message: 'Applications to this fair closed on Wednesday 9 December (3 working days before the fair).',
    });
  });

  it('numbers applications by the creation day in the centre’s zone', async () => {
    // 23:30 UTC on 1 October is already 2 October in Almaty.
    w.clock.now = Date.UTC(2026, 9, 1, 23, 30);
    const first = await create('admin@kazlogistics.demo', { fairId });
    const second = await create('manager1@kazlogistics.demo', { fairId });
    expect([(await w.app(first.id)).number, (await w.app(second.id)).number]).toEqual(['20261002-1', '20261002-2']);
  });

  it('way 1 needs a centre and a desired period that has not started; approval then needs a fair of that centre', async () => {
    w.clock.now = Date.UTC(2026, 9, 5, 5, 0);
    const almaty = await w.centre('Almaty');
    expect((await create('admin@kazlogistics.demo', { fairId: null, centreId: almaty.id, desired: ['2026-10-01', '2026-10-31'] })).outcome)
      .toMatchObject({ code: 'invalid', message: 'The desired period cannot start in the past.' });
    expect((await create('admin@kazlogistics.demo', { fairId: null, centreId: almaty.id, desired: ['2026-11-30', '2026-11-01'] })).outcome)
      .toMatchObject({ code: 'invalid' });
    const ok = await create('admin@kazlogistics.demo', { fairId: null, centreId: almaty.id, desired: ['2026-11-01', '2026-12-31'] });
    expect(ok.outcome).toBe('applied');

    const moderator = await w.user('moderator@fairdesk.demo');
    const decide = (fair: string | null) =>
      w.run(({ applications }) =>
        applications.decidePreApplication(moderator, { id: ok.id, decision: 'approve', reason: null, fairId: fair, expectedStatus: 'under_review' }),
      );
    expect(await decide(null)).toMatchObject({ code: 'invalid', message: 'Choose the fair this application is approved for.' });
    expect(await decide((await w.fair('Astana')).id)).toMatchObject({ code: 'invalid' });
    expect(await decide(fairId)).toBe('applied');
    expect(await w.app(ok.id)).toMatchObject({
      status: 'approved', fairId, fairTitle: 'December fair', desiredFrom: MONDAY_FAIR, desiredTo: MONDAY_FAIR,
      decidedBy: moderator.id, decidedByName: 'Aigerim Sadykova', decidedAt: w.clock.now,
    });
  });

  it('moves only under_review → approved | rejected | withdrawn and says who did what when', async () => {
    w.clock.now = Date.UTC(2026, 9, 5, 9, 2); // 14:02 in Almaty
    const { id } = await create('admin@kazlogistics.demo', { fairId });
    const employer = await w.user('manager1@kazlogistics.demo');
    const moderator = await w.user('moderator@fairdesk.demo');
    expect(await w.run(({ applications }) => applications.withdrawPreApplication(employer, { id }))).toBe('applied');
    w.clock.now = Date.UTC(2026, 9, 5, 10, 0);
    const decide = (decision: 'approve' | 'reject') =>
      w.run(({ applications }) =>
        applications.decidePreApplication(moderator, { id, decision, reason: decision === 'reject' ? 'No stands left' : null, fairId: null, expectedStatus: 'under_review' }),
      );
    expect(await decide('approve')).toEqual({ code: 'state_changed', message: 'The employer withdrew this application at 14:02 (Almaty time).' });
    expect(await decide('reject')).toMatchObject({ code: 'state_changed' });
    expect(await w.run(({ applications }) => applications.withdrawPreApplication(employer, { id }))).toEqual({
      code: 'state_changed',
      message: 'This application was already withdrawn at 14:02 (Almaty time).',
    });
    expect((await w.app(id)).status).toBe('withdrawn');
  });

  it('tells the second moderator who decided first, and the employer that it is final', async () => {
    const almaty = await w.centre('Almaty');
    const colleague = w.t.db.getRepository(User).create({
      ...(await w.user('moderator@fairdesk.demo')),
      id: crypto.randomUUID(),
      email: 'second.moderator@fairdesk.demo',
      displayName: 'Nurlan Abenov',
      centreId: almaty.id,
    });
    await w.t.db.getRepository(User).insert(colleague);
    w.clock.now = Date.UTC(2026, 9, 6, 5, 15); // 10:15 in Almaty
    const { id } = await create('admin@kazlogistics.demo', { fairId });
    const reject = await w.run(({ applications }) =>
      applications.decidePreApplication(colleague, { id, decision: 'reject', reason: 'Incomplete contacts', fairId: null, expectedStatus: 'under_review' }),
    );
    expect(reject).toBe('applied');
    const late = await w.run(async ({ applications }) =>
      applications.decidePreApplication(await w.user('moderator@fairdesk.demo'), { id, decision: 'approve', reason: null, fairId: null, expectedStatus: 'under_review' }),
    );
    expect(late).toEqual({ code: 'state_changed', message: 'Another moderator (Nurlan Abenov) rejected it first at 10:15 (Almaty time).' });
    const withdraw = await w.run(async ({ applications }) => applications.withdrawPreApplication(await w.user('admin@kazlogistics.demo'), { id }));
    expect(withdraw).toEqual({
      code: 'state_changed',
      message: 'The career centre already rejected this application at 10:15 (Almaty time). Reason: Incomplete contacts',
    });
    expect(await w.app(id)).toMatchObject({ status: 'rejected', rejectionReason: 'Incomplete contacts', decidedByName: 'Nurlan Abenov' });
  });

  it('keeps tenants apart: foreign companies, applications and centres', async () => {
    w.clock.now = Date.UTC(2026, 9, 6, 5, 15);
    expect((await create('admin@steppefoods.demo', { fairId }, 'KazLogistics LLP')).outcome).toMatchObject({ code: 'not_found' });
    expect((await create('moderator@fairdesk.demo', { fairId })).outcome).toMatchObject({ code: 'forbidden' });
    const { id } = await create('admin@kazlogistics.demo', { fairId });
    expect(await w.run(async ({ applications }) => applications.withdrawPreApplication(await w.user('admin@steppefoods.demo'), { id })))
      .toMatchObject({ code: 'not_found' });
    const decideAs = async (email: string) =>
      w.run(async ({ applications }) =>
        applications.decidePreApplication(await w.user(email), { id, decision: 'approve', reason: null, fairId: null, expectedStatus: 'under_review' }),
      );
    expect(await decideAs('moderator.astana@fairdesk.demo')).toMatchObject({ code: 'not_found' });
    expect(await decideAs('admin@kazlogistics.demo')).toMatchObject({ code: 'forbidden' });
    expect((await w.app(id)).status).toBe('under_review');
  });
});
