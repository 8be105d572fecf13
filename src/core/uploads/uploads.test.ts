import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeFileName } from './uploadService';
import { MAX_IMAGE_DIMENSION } from '../../shared/domain/uploads';
import { UploadRow } from '../cache/entities';
import { listPendingUploads, syncCounts } from '../cache/localRecords';
import { RpcError } from '../rpc/handlerTable';
import type { SessionService } from '../session/sessionService';
import { stepContext } from '../testing/applyPull';
import { changeHarness, type ChangeHarness } from '../testing/changeHarness';
import { FakeSyncWorld } from '../testing/fakeSyncWorld';
import { employerId, makeCentre, makeCompany, makeSession, makeStand, makeUser, seedWorld } from '../testing/fixtures';
import { fakeExe, fakePng } from '../testing/sampleFiles';
import { worldClient } from '../testing/worldClient';
import { pullAndRebase } from '../sync/steps/pull';
import { pushOutbox } from '../sync/steps/push';
import { sendQueuedUploads } from '../sync/steps/uploads';
import { inspectFile } from './inspectFile';
import { memoryUploadFiles, type UploadFiles } from './uploadFiles';
import { UploadService } from './uploadService';

const employer = makeUser({ role: 'employer_admin', centreId: null, employerId });
const company = makeCompany({ employerId });
const stand = makeStand({ companyId: company.id });

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('inspectFile (content, not name)', () => {
  it('refuses a Windows program named .png, saying what it really is', async () => {
    expect(await refusal(inspectFile(fakeExe(), 'image', 'logo.png'))).toEqual({
      code: 'bad_request',
      message: '“logo.png” is a Windows program, not a PNG image.',
    });
    expect((await refusal(inspectFile(fakeExe(), 'resume', 'cv.pdf'))).message).toBe('“cv.pdf” is a Windows program, not a PDF document.');
  });

  it('accepts a PNG with its dimensions; refuses one too large in pixels, an empty file and one over the size limit', async () => {
    expect(await inspectFile(fakePng(800, 600), 'image', 'banner.PNG')).toMatchObject({ mime: 'image/png', width: 800, height: 600 });
    expect((await refusal(inspectFile(fakePng(MAX_IMAGE_DIMENSION + 1, 10), 'image', 'huge.png'))).message).toMatch(/8001 × 10 pixels/);
    expect((await refusal(inspectFile(Buffer.alloc(0), 'image', 'empty.png'))).message).toBe('“empty.png” is empty.');
    expect(await refusal(inspectFile(Buffer.concat([fakePng(), Buffer.alloc(5 * 1024 * 1024)]), 'image', 'big.png'))).toMatchObject({
      code: 'payload_too_large',
    });
  });

  it('refuses a PNG cut short (no IEND) as incomplete', async () => {
    const cut = fakePng().subarray(0, 40);
    expect((await refusal(inspectFile(cut, 'image', 'cut.png'))).message).toMatch(/incomplete/);
  });
});

describe('upload queue and the upload step', () => {
  let h: ChangeHarness;
  let files: UploadFiles;
  let uploads: UploadService;
  /** What the host's "open with the default application" was asked to open. */
  let openedPaths: string[];
  let openedDir: string;
  let world: FakeSyncWorld;
  afterEach(async () => {
    await h.close();
  });

  async function setUp(): Promise<void> {
    openedPaths = [];
    openedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-opened-'));
    h = await changeHarness(employer);
    world = new FakeSyncWorld();
    seedWorld(world, { centres: [makeCentre()], companies: [company], stands: [stand] });
    files = memoryUploadFiles();
    const session = makeSession({ user: employer });
    uploads = new UploadService({
      cache: h.cache,
      files,
      session: { current: async () => session, credentials: async () => ({ session, token: 't' }) } as unknown as SessionService,
      clientFor: () => worldClient(world, employer),
      emit: (event, payload) => h.events.push({ event, payload }),
      onQueued: () => undefined,
      openFile: async (filePath) => {
        openedPaths.push(filePath);
        return true;
      },
      openedDir,
    });
    await pullAndRebase(stepContext(h.cache, { actor: employer, server: worldClient(world, employer) }));
  }

  const add = (name = 'logo.png', bytes = fakePng()) => uploads.add({ kind: 'image', fileName: name, fileBase64: bytes.toString('base64') });

  it('refuses a fake .png locally: nothing is kept or queued', async () => {
    await setUp();
    expect((await refusal(add('logo.png', fakeExe()))).message).toBe('“logo.png” is a Windows program, not a PNG image.');
    expect(await h.cache.read((m) => m.count(UploadRow))).toBe(0);
  });

  it('sends a queued image before the push that refers to it; the stand edit then lands', async () => {
    await setUp();
    const logo = await add();
    expect(logo).toMatchObject({ state: 'queued', mime: 'image/png', width: 640, height: 480, error: null });
    const { id: _id, employerId: _e, createdAt: _c, updatedAt: _u, version: _v, ...fields } = stand;
    await h.changes.saveStand({ id: stand.id, fields: { ...fields, logoUploadId: logo.id } });
    // Queued file and queued change both count as waiting.
    expect(await h.cache.read(syncCounts)).toEqual({ pending: 2, rejections: 0 });

    const order: string[] = [];
    const ctx = stepContext(h.cache, { actor: employer, server: worldClient(world, employer, { beforeUpload: (id) => order.push(`upload ${id}`) }) });
    const progress: unknown[] = [];
    await sendQueuedUploads(ctx, files, (event, payload) => event === 'uploads.progress' && progress.push(payload));
    order.push('push');
    await pushOutbox(ctx);
    await pullAndRebase(ctx);

    expect(order).toEqual([`upload ${logo.id}`, 'push']);
    expect(progress).toEqual([
      { id: logo.id, sentBytes: 0, totalBytes: logo.size },
      { id: logo.id, sentBytes: logo.size, totalBytes: logo.size },
    ]);
    expect(world.consumed).toEqual([expect.stringMatching(/#1:applied$/)]);
    expect(world.get('stand', stand.id)).toMatchObject({ logoUploadId: logo.id });
    expect(world.uploads.get(logo.id)?.bytes.equals(fakePng())).toBe(true);
    expect(await h.cache.read(listPendingUploads)).toEqual([]);
    expect(await h.cache.read(syncCounts)).toEqual({ pending: 0, rejections: 0 });
  });

  it('without the upload the server would refuse the change (the order matters)', async () => {
    await setUp();
    const logo = await add();
    const { id: _id, employerId: _e, createdAt: _c, updatedAt: _u, version: _v, ...fields } = stand;
    await h.changes.saveStand({ id: stand.id, fields: { ...fields, logoUploadId: logo.id } });
    const ctx = stepContext(h.cache, { actor: employer, server: worldClient(world, employer) });
    await pushOutbox(ctx);
    expect(world.consumed).toEqual([expect.stringMatching(/#1:rejected$/)]);
  });

  it('a network failure leaves the file queued and fails the step (nothing pushed after it)', async () => {
    await setUp();
    const logo = await add();
    const ctx = stepContext(h.cache, {
      actor: employer,
      server: worldClient(world, employer, {
        beforeUpload: () => {
          throw new RpcError('server_unreachable', 'offline');
        },
      }),
    });
    await expect(sendQueuedUploads(ctx, files, () => undefined)).rejects.toThrow('offline');
    expect(await h.cache.read(listPendingUploads)).toEqual([expect.objectContaining({ id: logo.id, state: 'queued' })]);
  });

  it('a 409 (another file under the id) marks the file refused with the server’s message; it stops counting as pending', async () => {
    await setUp();
    const logo = await add();
    world.putUpload(makeUser({ role: 'employer_admin', employerId }), 'image', logo.id, fakePng(1, 1), 'image/png');
    const ctx = stepContext(h.cache, { actor: employer, server: worldClient(world, employer) });
    expect(await sendQueuedUploads(ctx, files, () => undefined)).toEqual({ uploaded: 0, refused: 1 });
    expect(await uploads.pending()).toEqual([
      expect.objectContaining({ id: logo.id, state: 'refused', error: 'Another file was already uploaded under this id.' }),
    ]);
    expect(await h.cache.read(syncCounts)).toEqual({ pending: 0, rejections: 0 });
    // A stand may no longer refer to it: the user hears why at once.
    const { id: _id, employerId: _e, createdAt: _c, updatedAt: _u, version: _v, ...fields } = stand;
    expect((await refusal(h.changes.saveStand({ id: stand.id, fields: { ...fields, bannerUploadIds: [logo.id] } }))).message).toBe(
      'The server refused the image “logo.png”: Another file was already uploaded under this id. Remove it or pick another image.',
    );
  });

  it('reads the local copy, or fetches a file once and keeps it for offline use', async () => {
    await setUp();
    const logo = await add();
    expect((await uploads.read({ id: logo.id })).dataBase64).toBe(fakePng().toString('base64'));
    const theirs = '00000000-0000-4000-8000-0000000000aa';
    world.putUpload(makeUser({ role: 'employer_admin', employerId }), 'image', theirs, fakePng(20, 10), 'image/png', 'banner.png');
    const fetched = await uploads.read({ id: theirs });
    expect(fetched.upload).toMatchObject({ id: theirs, kind: 'image', fileName: 'banner.png', state: 'uploaded', width: 20, height: 10 });
    world.uploads.clear();
    expect((await uploads.read({ id: theirs })).dataBase64).toBe(fakePng(20, 10).toString('base64'));
  });

  it('opens a file in the host’s viewer as a copy named for its real type, never for the name it came with', async () => {
    await setUp();
    const logo = await add('Логотип: "v2".exe.png');
    expect(await uploads.open({ id: logo.id })).toEqual({ opened: true });
    expect(openedPaths).toHaveLength(1);
    const opened = openedPaths[0] ?? '';
    expect(path.dirname(path.dirname(opened))).toBe(openedDir);
    expect(path.basename(opened)).toBe('Логотип_ _v2_.exe.png');
    expect(fs.readFileSync(opened).equals(fakePng())).toBe(true);
    expect(safeFileName('cv.exe', 'application/pdf')).toBe('cv.pdf');
    expect(safeFileName('...', 'application/pdf')).toBe('file.pdf');
  });
});
