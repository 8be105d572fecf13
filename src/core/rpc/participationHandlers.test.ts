import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalParticipation, LocalStand, LocalUpload, LocalVacancy } from '../../shared/contract/ipc';
import { startCore, type CoreUnderTest } from '../testing/coreHarness';
import { FakeSyncServer } from '../testing/fakeSyncServer';
import { employerId, makeCentre, makeCompany, makeFair, makeParticipation, makeStand, makeUser, makeVacancy, seedWorld } from '../testing/fixtures';
import { fakeExe, fakePng } from '../testing/sampleFiles';

/** The participation methods through the real handler table, cache and a fake server over HTTP. */
const employer = makeUser({ role: 'employer_admin', centreId: null, employerId, email: 'hr@altyn.example' });
const moderator = makeUser({ role: 'moderator', email: 'mod@centre.example' });
const centre = makeCentre();
// Far enough ahead that no deadline has passed.
const fair = makeFair({ startsOn: '2099-04-10', endsOn: '2099-04-10' });
const company = makeCompany({ employerId });
const stand = makeStand({ companyId: company.id });
const info = makeParticipation({ companyId: company.id, fairId: fair.id, centreId: centre.id, standId: null });
const library = makeVacancy({ companyId: company.id, title: 'Driver' });
const closed = makeVacancy({ companyId: company.id, title: 'Old', active: false });

describe('participation handlers', () => {
  let server: FakeSyncServer;
  let app: CoreUnderTest;
  beforeEach(async () => {
    server = await FakeSyncServer.start([
      { password: 'p', user: employer },
      { password: 'p', user: moderator },
    ]);
    seedWorld(server.world, { centres: [centre], fairs: [fair], companies: [company], stands: [stand], participations: [info], vacancies: [library, closed] });
    app = await startCore();
  });
  afterEach(async () => {
    await app.core.close();
    await server.close();
  });

  const signIn = async (email: string): Promise<void> => {
    const mark = app.transport.events.length;
    await app.call('session.login', { serverUrl: server.url, email, password: 'p' });
    await app.syncState('idle', mark);
  };
  const sync = async (): Promise<void> => {
    await app.call('sync.now');
  };

  it('an employer uploads a logo, edits a stand with it and completes an info: files go up before the changes', async () => {
    await signIn(employer.email);
    const bad = await app.invoke('uploads.add', { kind: 'image', fileName: 'logo.png', fileBase64: fakeExe().toString('base64') });
    expect(bad).toEqual({ ok: false, error: { code: 'bad_request', message: '“logo.png” is a Windows program, not a PNG image.' } });

    await server.suspend();
    const logo = await app.call<LocalUpload>('uploads.add', { kind: 'image', fileName: 'logo.png', fileBase64: fakePng().toString('base64') });
    const { id: _id, employerId: _e, createdAt: _c, updatedAt: _u, version: _v, ...fields } = stand;
    const saved = await app.call<LocalStand>('stands.save', { id: stand.id, fields: { ...fields, logoUploadId: logo.id } });
    expect(saved).toMatchObject({ logoUploadId: logo.id, sync: { state: 'pending' } });
    const copy = await app.call<LocalStand>('stands.duplicate', { id: stand.id });
    expect(copy.internalName).toBe(`${stand.internalName} (copy)`);
    await app.call('participations.update', { id: info.id, standId: stand.id, interviewPlan: [] });
    const imported = await app.call<LocalVacancy[]>('vacancies.importFromLibrary', { participationId: info.id, vacancyIds: [library.id] });
    expect(imported).toEqual([expect.objectContaining({ title: 'Driver', participationId: info.id, sync: expect.objectContaining({ state: 'pending' }) })]);
    expect(imported[0]?.id).not.toBe(library.id);
    expect((await app.invoke('vacancies.importFromLibrary', { participationId: info.id, vacancyIds: [closed.id] })).ok).toBe(false);
    expect(await app.call('uploads.pending')).toEqual([expect.objectContaining({ id: logo.id, state: 'queued' })]);
    expect(await app.call('sync.status')).toMatchObject({ pending: 5 });
    expect(app.transport.events.filter((e) => e.event === 'cache.changed').map((e) => e.payload)).toContainEqual({ entities: ['vacancy', 'participation'] });

    await server.resume();
    await sync();
    await expect.poll(async () => (await app.call<{ pending: number }>('sync.status')).pending).toBe(0);
    const puts = server.uploadPuts();
    const firstPush = server.requests.findIndex((r) => r.path === '/api/sync/push');
    expect(puts).toHaveLength(1);
    expect(server.requests.indexOf(puts[0]!)).toBeLessThan(firstPush);
    expect(server.world.consumed.every((c) => c.endsWith(':applied'))).toBe(true);
    expect(server.world.get('stand', stand.id)).toMatchObject({ logoUploadId: logo.id });
    expect(app.transport.events.some((e) => e.event === 'uploads.progress')).toBe(true);

    const sent = await app.call<LocalParticipation>('participations.send', { id: info.id });
    expect(sent).toMatchObject({ status: 'sent', sync: { state: 'pending' } });
    await sync();
    expect(server.world.get('participation', info.id)).toMatchObject({ status: 'sent' });
  });

  it('imports a CSV file all or nothing: row errors change nothing; a good file is one mutation', async () => {
    await signIn(employer.email);
    const bad = await app.call<{ ok: boolean; errors: Array<{ row: number }> }>('vacancies.importCsv', {
      participationId: info.id,
      fileBase64: Buffer.from('title,profession,salary from,salary to\nDriver,Driver,abc,100\n').toString('base64'),
    });
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]?.row).toBe(2);
    expect(await app.call('vacancies.list', { participationId: info.id })).toEqual([]);

    const template = await app.call<string>('vacancies.csvTemplate', { language: 'en' });
    const good = await app.call<{ ok: boolean; vacancies: LocalVacancy[] }>('vacancies.importCsv', {
      participationId: info.id,
      fileBase64: Buffer.from(template).toString('base64'),
    });
    expect(good.ok).toBe(true);
    expect(good.vacancies.length).toBeGreaterThan(0);
    await sync();
    expect(server.pushes().flatMap((p) => (p.body as { mutations: Array<{ name: string }> }).mutations.map((m) => m.name))).toEqual(['importVacancies']);
    expect(await app.call<LocalVacancy[]>('vacancies.list', { participationId: info.id })).toEqual(
      good.vacancies.map((v) => expect.objectContaining({ id: v.id, sync: { state: 'synced', rejection: null } })),
    );
  });

  it('a moderator sees the centre’s infos without drafts, reads a stand image fetched once, and decides', async () => {
    const logoId = '00000000-0000-4000-8000-0000000000ab';
    server.world.putUpload(employer, 'image', logoId, fakePng(32, 32), 'image/png', 'logo.png');
    server.world.put('stand', { ...stand, logoUploadId: logoId });
    server.world.put('participation', { ...info, standId: stand.id, status: 'sent', sentAt: 1 });
    const other = makeParticipation({ companyId: company.id, fairId: fair.id, centreId: centre.id });
    server.world.put('participation', other);
    await signIn(moderator.email);
    expect((await app.call<LocalParticipation[]>('participations.list')).map((p) => p.id)).toEqual([info.id]);
    expect((await app.call<LocalStand[]>('stands.list')).map((s) => s.id)).toEqual([stand.id]);
    const image = await app.call<{ upload: LocalUpload; dataBase64: string }>('uploads.read', { id: logoId });
    expect(image.upload).toMatchObject({ fileName: 'logo.png', width: 32, height: 32, state: 'uploaded' });
    await server.suspend();
    expect((await app.call<{ dataBase64: string }>('uploads.read', { id: logoId })).dataBase64).toBe(image.dataBase64);
    const decided = await app.call<LocalParticipation>('participations.decide', { id: info.id, decision: 'approve' });
    expect(decided).toMatchObject({ status: 'approved', decidedBy: moderator.id, sync: { state: 'pending' } });
  });
});
