import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanyDto } from '../../../src/shared/domain/records';
import type { LocalParticipation, LocalStand, LocalUpload, LocalVacancy, SessionInfo, SyncStatus } from '../../../src/shared/contract/ipc';
import { prefillStandFromCompany } from '../../../src/shared/domain/participation/stand';
import { sampleExe, samplePng } from '../../../src/server/uploads/sampleFiles';
import type { CoreUnderTest } from '../../../src/core/testing/coreHarness';
import { signedInCore, syncDrained } from '../support/desktopCores';
import { loginAs, newClientId, pullAll, putsOf } from '../support/syncClient';
import { startServer, type RunningServer } from '../support/serverProcess';

/**
 * The whole participation path through the REAL desktop core and a REAL server process: the
 * employer builds its participation info with the server down (a logo picked offline, a stand, a
 * vacancy typed in, a CSV file imported, an interview plan) and sends it; everything — the image
 * first — lands when the server returns. The moderator reviews it with the stand's logo fetched
 * once and then read from the cache while offline, approves offline, and the employer sees the
 * approval with who decided.
 */
const EMPLOYER = 'admin@kazlogistics.demo';
const MODERATOR = 'moderator@fairdesk.demo';
const CSV = path.resolve(__dirname, '../../../resources/samples/vacancies-sample.csv');

describe('participation through the desktop core against the real sync server (SQLite)', () => {
  let dataDir: string;
  let server: RunningServer;
  let port: number;
  const cores: CoreUnderTest[] = [];

  const stopServer = async (): Promise<void> => {
    await server.stop();
  };
  const startAgain = async (): Promise<void> => {
    server = await startServer({ dataDir, seed: false, env: { FAIRDESK_PORT: String(port) } });
  };
  const openCore = (email: string): Promise<{ core: CoreUnderTest; session: SessionInfo }> => signedInCore(cores, server.url, email);
  const drained = syncDrained;
  /** What the server holds, read by a separate API client with the moderator's scope. */
  const onServer = async () => {
    const session = await loginAs(server.url, MODERATOR);
    const snapshot = await pullAll(server.url, session.token, { clientId: newClientId(), cookie: null });
    return {
      participations: putsOf(snapshot.patch, 'participation'),
      stands: putsOf(snapshot.patch, 'stand'),
      vacancies: putsOf(snapshot.patch, 'vacancy'),
    };
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-participation-int-'));
    server = await startServer({ dataDir });
    port = server.port;
  });
  afterAll(async () => {
    for (const core of cores) await core.core.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an employer prepares and sends offline; the moderator approves offline; both end in agreement', async () => {
    const { core: employer, session } = await openCore(EMPLOYER);
    const drafts = await employer.call<LocalParticipation[]>('participations.list', { status: 'draft' });
    const info = drafts[0];
    expect(info, 'the demo world gives KazLogistics a draft participation info').toBeDefined();
    if (!info) return;
    const company = (await employer.call<CompanyDto[]>('companies.list')).find((c) => c.id === info.companyId);
    expect(company).toBeDefined();
    if (!company) return;

    await stopServer();

    // A fake image is refused on the spot, with the reason; a real PNG is kept and queued.
    const fake = await employer.invoke('uploads.add', { kind: 'image', fileName: 'logo.png', fileBase64: sampleExe().toString('base64') });
    expect(fake.ok).toBe(false);
    if (!fake.ok) expect(fake.error.message).toMatch(/Windows program/);
    const png = samplePng(64, 48);
    const logo = await employer.call<LocalUpload>('uploads.add', { kind: 'image', fileName: 'logo.png', fileBase64: png.toString('base64') });
    expect(logo).toMatchObject({ state: 'queued', mime: 'image/png', width: 64, height: 48 });

    const stand = await employer.call<LocalStand>('stands.save', {
      fields: { ...prefillStandFromCompany(company, 'Almaty, offline build'), activity: 'Logistics and delivery', logoUploadId: logo.id },
    });
    expect(stand.sync.state).toBe('pending');
    await employer.call('participations.update', {
      id: info.id,
      standId: stand.id,
      interviewPlan: [{ managerId: session.user.id, startTime: '10:00', count: 3 }],
    });
    await employer.call<LocalVacancy>('vacancies.save', {
      companyId: info.companyId,
      participationId: info.id,
      fields: {
        title: 'Warehouse shift lead',
        profession: 'Shift lead',
        salaryFrom: 300_000,
        salaryTo: 380_000,
        currency: 'KZT',
        places: 2,
        location: 'Almaty',
        description: 'Leads a shift of eight.',
        requirements: '',
        employmentType: 'shift',
      },
    });
    const imported = await employer.call<{ ok: boolean; vacancies?: LocalVacancy[] }>('vacancies.importCsv', {
      participationId: info.id,
      fileBase64: fs.readFileSync(CSV).toString('base64'),
    });
    expect(imported.ok).toBe(true);
    const csvCount = imported.vacancies?.length ?? 0;
    expect(csvCount).toBeGreaterThan(0);
    const sent = await employer.call<LocalParticipation>('participations.send', { id: info.id });
    expect(sent).toMatchObject({ status: 'sent', sync: { state: 'pending' } });
    expect((await employer.call<SyncStatus>('sync.status')).pending).toBeGreaterThan(0);

    await startAgain();
    await drained(employer);

    const server1 = await onServer();
    expect(server1.participations.find((p) => p.id === info.id)).toMatchObject({
      status: 'sent',
      standId: stand.id,
      interviewPlan: [{ managerId: session.user.id, startTime: '10:00', count: 3 }],
    });
    expect(server1.stands.find((s) => s.id === stand.id)).toMatchObject({ logoUploadId: logo.id, activity: 'Logistics and delivery' });
    expect(server1.vacancies.filter((v) => v.participationId === info.id)).toHaveLength(1 + csvCount);
    expect((await employer.call<LocalUpload[]>('uploads.pending')).filter((u) => u.id === logo.id)).toEqual([]);

    // The moderator signs in; the core fetches the stands' images in the background (nobody opens
    // the stand while online), so the review works with the network gone.
    const { core: moderator } = await openCore(MODERATOR);
    const queue = await moderator.call<LocalParticipation[]>('participations.list', { status: 'sent' });
    expect(queue.map((p) => p.id)).toContain(info.id);
    await moderator.transport.waitForEvent(
      (m) => m.event === 'cache.changed' && (m.payload as { entities: string[] }).entities.includes('upload'),
      0,
    );
    await stopServer();
    const offline = await moderator.call<{ dataBase64: string }>('uploads.read', { id: logo.id });
    expect(Buffer.from(offline.dataBase64, 'base64').equals(png)).toBe(true);
    const approved = await moderator.call<LocalParticipation>('participations.decide', { id: info.id, decision: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', sync: { state: 'pending' } });

    await startAgain();
    await drained(moderator);
    await drained(employer);
    const mine = (await employer.call<LocalParticipation[]>('participations.list')).find((p) => p.id === info.id);
    expect(mine).toMatchObject({ status: 'approved', decidedByName: expect.any(String), sync: { state: 'synced' } });
    expect(mine?.decidedAt).toBeGreaterThan(0);
  });
});
