import { expect, test, type Browser, type Page } from '@playwright/test';
import { CANDIDATE_COOKIE } from '../../src/shared/api/portal';
import { videoRoutes } from '../../src/shared/api/video';
import { DEMO_CANDIDATES } from '../../src/server/seed/demoCandidates';
import { videoRefusalMessage } from '../../src/shared/domain/video/rules';
import { DEFAULT_VIDEO_CALL_LABELS } from '../../src/ui/video/callLabels';
import { startServer, type RunningServer } from '../integration/support/serverProcess';
import { startSmtpSink, type SmtpSink } from '../integration/support/smtpSink';
import { demoVideoClockStart } from './support/demoClock';
import { audioBytesReceived, expectRemoteVideoPlays, launchWithFakeMedia, sentCameraLabel, stopSendingVideo } from './support/videoCall';
import { joinFromDeviceCheck, VideoPages } from './support/videoPages';

/**
 * A video interview's life on the server's clock. The server runs with a clock the test sets
 * (FAIRDESK_TEST_CLOCK=ipc, src/server/serverClock.ts) on the demo world: manager1 of KazLogistics
 * has the first candidate booked on slot 1 and the second on slot 2, 20 minutes later.
 *
 * - 11 minutes before slot 1 nobody may join (the manager, the candidate; the buttons say from
 *   when and the server refuses a join asked for anyway); at 10 minutes both may. Another manager
 *   of the same employer may never start it.
 * - A minute before slot 1 ends, both join: the countdown warns (under 2 minutes), reaches zero
 *   and ends the call on both sides; the interview is recorded as held and the manager writes
 *   the note after the call.
 * - In slot 2's call the manager switches camera (the call then sends the new one and the
 *   candidate's video keeps playing); when the candidate's video stops getting through while its
 *   voice does, the manager's side falls back to audio only (and so, in turn, does the candidate's);
 *   the manager ends early and the candidate is told at once.
 * - A candidate whose browser refuses the camera, or who has none, is told so on the device check.
 */
const [CANDIDATE, SECOND_CANDIDATE] = DEMO_CANDIDATES;
const MANAGER_1 = 'manager1@kazlogistics.demo';
const MANAGER_2 = 'manager2@kazlogistics.demo';
const MINUTE_MS = 60_000;
const NOTE = 'Strong on warehouse safety; invite to the site visit on Monday.';

test.describe.configure({ mode: 'serial' });
test.use({ actionTimeout: 15_000, navigationTimeout: 20_000 });

let browser: Browser;
let sink: SmtpSink;
let server: RunningServer;
let pages: VideoPages;
let manager: Page;
let firstSlot: { startsAt: number; endsAt: number };
let secondSlot: { startsAt: number; endsAt: number };

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this destructuring; there are none
test.afterEach(async ({}, testInfo) => {
  await pages.attachConsoleIfFailed(testInfo);
});

/** A portal page of the candidate's, on its video interviews. */
async function portalPage(who: { email: string; name: string }): Promise<Page> {
  const { page } = await pages.portal(who);
  await page.goto(`${server.url}/video-interviews`);
  return page;
}

/** The candidate's booked slot, as the portal's API answers it. */
async function bookedSlot(who: { email: string; name: string }): Promise<{ startsAt: number; endsAt: number }> {
  const account = await pages.account(who);
  const answer = await fetch(`${server.url}${videoRoutes.candidateInterviews.path}`, { headers: { cookie: account.cookie } });
  const body = (await answer.json()) as { interviews: Array<{ state: string; slotStartsAt: number | null; slotEndsAt: number | null }> };
  const booked = body.interviews.find((i) => i.state === 'booked');
  if (!booked?.slotStartsAt || !booked.slotEndsAt) throw new Error(`${who.email} has no booked interview: ${JSON.stringify(body)}`);
  return { startsAt: booked.slotStartsAt, endsAt: booked.slotEndsAt };
}

/** The desktop's "My video interviews" row of `name`, from a fresh list (the server's clock as it is now). */
async function interviewRow(page: Page, name: string) {
  await page.goto(page.url().split('#')[0] ?? '');
  await page.getByTestId('nav-interviews').click();
  const row = page.getByTestId('video-interview-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  return row;
}

/** The portal's card of the interview, from a fresh list. */
async function interviewCard(page: Page) {
  await page.goto(`${server.url}/video-interviews`);
  const card = page.getByTestId('video-interview').filter({ hasText: 'Warehouse operator' });
  await expect(card).toHaveAttribute('data-state', 'booked');
  return card;
}

/** Straight to the call page and *Join*, whatever the list's button says: the server decides. */
async function joinDirectly(page: Page, callUrl: string): Promise<void> {
  await page.goto(callUrl);
  await expect(page.getByTestId('video-device-check')).toBeVisible();
  await page.getByTestId('video-join').click();
}

/** Manager (desktop row → call page) and candidate (portal card) join; both end up in the call with the other's video playing. */
async function joinBoth(candidatePage: Page, candidateName: string): Promise<void> {
  const row = await interviewRow(manager, candidateName);
  await row.getByTestId('video-interview-join').click();
  await joinFromDeviceCheck(manager);
  const card = await interviewCard(candidatePage);
  await card.getByTestId('video-join').click();
  await joinFromDeviceCheck(candidatePage);
  for (const [page, who] of [[manager, 'manager'], [candidatePage, 'candidate']] as const) {
    await expect(page.getByTestId('video-call'), who).toHaveAttribute('data-phase', 'in call', { timeout: 30_000 });
    await expectRemoteVideoPlays(page, who);
  }
}

test.beforeAll(async ({ playwright, launchOptions }) => {
  browser = await launchWithFakeMedia(playwright.chromium, launchOptions);
  sink = await startSmtpSink();
  server = await startServer({ clockControl: true, clockStartsAt: demoVideoClockStart(), env: { FAIRDESK_SEED: 'demo+video', FAIRDESK_SMTP_URL: sink.url } });
  // The seed's invitation mails go out first; a sign-in link asked for later is then the next mail to the address.
  await sink.waitFor(DEMO_CANDIDATES.length, 30_000);
  pages = new VideoPages(browser, server, sink);
  firstSlot = await bookedSlot(CANDIDATE);
  secondSlot = await bookedSlot(SECOND_CANDIDATE);
  expect(secondSlot.startsAt).toBe(firstSlot.endsAt);
});

test.afterAll(async () => {
  await pages?.close();
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

test('join is refused 11 minutes before the slot and opens at 10; another manager may never start it', async () => {
  test.setTimeout(180_000);
  await server.setClock(firstSlot.startsAt - 11 * MINUTE_MS);
  manager = await pages.desktop(MANAGER_1);
  const row = await interviewRow(manager, CANDIDATE.name);
  await expect(row.getByTestId('video-interview-join')).toBeDisabled();
  await expect(row.getByTestId('video-interview-join-why')).toContainText(/\d{1,2}:\d{2}/);
  const callUrl = `${manager.url().split('#')[0] ?? ''}#/video-interviews/${(await row.getAttribute('data-id')) ?? ''}/call`;
  await joinDirectly(manager, callUrl);
  await expect(manager.getByTestId('video-call-failed')).toContainText(/You can join from \d{2}:\d{2}, 10 minutes before the start/);

  const candidate = await portalPage(CANDIDATE);
  const card = await interviewCard(candidate);
  await expect(card.getByTestId('video-join')).toBeDisabled();
  await expect(card.getByTestId('video-join-hint')).toContainText('Join opens at');
  const candidateCallUrl = `${server.url}/video-interviews/${(await card.getAttribute('data-interview-id')) ?? ''}/call`;
  await joinDirectly(candidate, candidateCallUrl);
  await expect(candidate.getByTestId('video-call-failed')).toContainText(/You can join from \d{2}:\d{2}, 10 minutes before the start/);

  // Ten minutes before: Join opens for both.
  await server.setClock(firstSlot.startsAt - 10 * MINUTE_MS);
  await expect((await interviewRow(manager, CANDIDATE.name)).getByTestId('video-interview-join')).toBeEnabled();
  await expect((await interviewCard(candidate)).getByTestId('video-join')).toBeEnabled();

  // Another manager of KazLogistics: its button says why, and the server refuses it all the same.
  const otherManager = await pages.desktop(MANAGER_2);
  const othersRow = await interviewRow(otherManager, CANDIDATE.name);
  await expect(othersRow.getByTestId('video-interview-join')).toBeDisabled();
  await joinDirectly(otherManager, `${otherManager.url().split('#')[0] ?? ''}#/video-interviews/${(await othersRow.getAttribute('data-id')) ?? ''}/call`);
  await expect(otherManager.getByTestId('video-call-failed')).toContainText(videoRefusalMessage('not_inviter'));
  await candidate.context().close();
});

test('the countdown warns under two minutes and ends the call on both sides; the interview is held and the manager writes the note', async () => {
  test.setTimeout(240_000);
  await server.setClock(firstSlot.endsAt - 60_000);
  const candidate = await portalPage(CANDIDATE);
  await joinBoth(candidate, CANDIDATE.name);
  for (const [page, who] of [[manager, 'manager'], [candidate, 'candidate']] as const) {
    await expect(page.getByTestId('video-warning'), who).toBeVisible();
    await expect(page.getByTestId('video-countdown'), who).toHaveText(/^\s*[01]:\d{2}\s*$/);
  }
  // Nobody touches anything: the server's clock reaches the slot's end.
  for (const [page, who] of [[manager, 'manager'], [candidate, 'candidate']] as const) {
    await expect(page.getByTestId('video-call'), who).toHaveAttribute('data-phase', 'ended', { timeout: 90_000 });
  }
  await expect(candidate.getByTestId('video-call-ended')).toContainText('The time for this interview is over.');
  // The server settles the slot (every 30 s) and the desktop's list follows by itself.
  await manager.getByTestId('video-call-back').click();
  const row = manager.getByTestId('video-interview-row').filter({ hasText: CANDIDATE.name });
  await expect(row).toHaveAttribute('data-state', 'held', { timeout: 60_000 });

  await row.getByTestId('video-interview-note').click();
  const dialog = manager.getByTestId('video-note-dialog');
  await dialog.getByTestId('video-note-text').locator('textarea').first().fill(NOTE);
  await dialog.getByTestId('video-note-save').click();
  await expect(row.getByTestId('video-interview-note-text')).toHaveText(NOTE);
  // Landed on the server, not only on screen: a fresh list from the server carries it.
  await expect(async () => {
    await expect((await interviewRow(manager, CANDIDATE.name)).getByTestId('video-interview-note-text')).toHaveText(NOTE, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await candidate.context().close();
});

test('in a call the manager switches camera, video that cannot get through falls back to voice, and ending early tells the candidate at once', async () => {
  test.setTimeout(240_000);
  await server.setClock(secondSlot.startsAt - MINUTE_MS);
  const candidate = await portalPage(SECOND_CANDIDATE);
  await joinBoth(candidate, SECOND_CANDIDATE.name);

  // Device picker: the second fake camera. The call sends it from then on; the candidate still sees video.
  expect(await sentCameraLabel(manager)).toBe('fake_device_0');
  await manager.getByTestId('video-devices').click();
  await manager.getByTestId('video-camera-choice').click();
  await manager.getByRole('option', { name: 'fake_device_2' }).click();
  await expect.poll(() => sentCameraLabel(manager), { message: 'the camera the call sends' }).toBe('fake_device_2');
  await manager.keyboard.press('Escape');
  await expectRemoteVideoPlays(candidate, 'candidate after the manager switched camera');

  // The candidate's video stops getting through; its voice still does.
  expect(await stopSendingVideo(candidate)).toBeGreaterThan(0);
  await expect(manager.getByTestId('video-audio-only')).toBeVisible({ timeout: 30_000 });
  await expect(manager.getByTestId('video-call')).toHaveAttribute('data-phase', 'in call');
  const heard = await audioBytesReceived(manager);
  await expect.poll(() => audioBytesReceived(manager), { message: 'the manager still hears the candidate' }).toBeGreaterThan(heard);
  // The manager's side stopped sending video too, so the candidate's side sees it stall and goes by voice as well.
  await expect(candidate.getByTestId('video-audio-only')).toBeVisible({ timeout: 30_000 });

  // *End interview*: the candidate's call ends at once, with the server's reason.
  await manager.getByTestId('video-call-end').click();
  await manager.getByTestId('video-call-end-confirm').click();
  await expect(candidate.getByTestId('video-call'), 'candidate').toHaveAttribute('data-phase', 'ended', { timeout: 20_000 });
  await expect(candidate.getByTestId('video-call-ended')).toContainText('The call has ended');
  const row = manager.getByTestId('video-interview-row').filter({ hasText: SECOND_CANDIDATE.name });
  await expect(row).toHaveAttribute('data-state', 'held', { timeout: 20_000 });
});

test('a candidate whose browser refuses the camera, and one with no camera at all, are told so before joining', async ({ playwright, launchOptions }) => {
  test.setTimeout(120_000);
  const cases = [
    // Fake devices but no auto-accepting prompt: headless Chromium answers the prompt with "deny".
    { who: 'refused', args: ['--use-fake-device-for-media-stream'], message: DEFAULT_VIDEO_CALL_LABELS.mediaDenied },
    // No fake devices: this machine has no camera or microphone.
    { who: 'missing', args: [], message: DEFAULT_VIDEO_CALL_LABELS.mediaMissing },
  ];
  const account = await pages.account(SECOND_CANDIDATE);
  const listed = await fetch(`${server.url}${videoRoutes.candidateInterviews.path}`, { headers: { cookie: account.cookie } });
  const interviewId = ((await listed.json()) as { interviews: Array<{ id: string }> }).interviews[0]?.id ?? 'none';
  for (const { who, args, message } of cases) {
    const bare = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), ...args] });
    try {
      const context = await bare.newContext({ locale: 'en-US' });
      await context.addCookies([{ name: CANDIDATE_COOKIE, value: account.cookie.slice(`${CANDIDATE_COOKIE}=`.length), url: server.url, httpOnly: true, sameSite: 'Lax' }]);
      const page = pages.recordConsole(await context.newPage(), `${SECOND_CANDIDATE.email} (${who})`);
      // The call page checks the devices as it opens, before any join (the interview itself is over by now).
      await page.goto(`${server.url}/video-interviews/${interviewId}/call`);
      await expect(page.getByTestId('video-call-failed'), who).toContainText(message);
      await expect(page.getByTestId('video-call-stage'), who).toHaveCount(0);
    } finally {
      await bare.close();
    }
  }
});
