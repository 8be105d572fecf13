import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary, hasDisplay } from '../../src/launcher/findExecutables';
import { DEMO_PASSWORD } from '../../src/server/seed/demoAccounts';
import { DEMO_CANDIDATES } from '../../src/server/seed/demoCandidates';
import { REPO_ROOT, startServer, type RunningServer } from '../integration/support/serverProcess';

/**
 * The real Electron app, where its binary exists (it cannot be downloaded on our build machines,
 * so there this spec is skipped and says so; the browser host runs the same core and renderer in
 * the other specs). With the binary: every window runs hardened (isolated, sandboxed, no Node),
 * the app window is refused the camera, and *Join* on a video interview opens the dedicated video
 * window, the one window that gets camera and microphone.
 */
const binary = findElectronBinary(REPO_ROOT);
const missing = !binary
  ? 'the Electron binary is not installed (npm could not download it on this machine)'
  : !hasDisplay()
    ? 'there is no display to open Electron windows on (set DISPLAY, e.g. under xvfb-run)'
    : null;
const skipReason = `Real Electron not run: ${missing ?? ''}. The browser-host specs cover the same core and renderer.`;
if (missing) process.stderr.write(`electronApp.spec.ts: ${skipReason}\n`);
test.skip(missing !== null, skipReason);

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let app: ElectronApplication;
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-electron-'));

test.beforeAll(async () => {
  server = await startServer({ env: { FAIRDESK_SEED: 'demo+video' } });
  app = await electron.launch({
    executablePath: binary ?? '',
    args: [path.join(REPO_ROOT, 'out/main/index.js'), `--user-data-dir=${userData}`, '--use-fake-device-for-media-stream'],
    env: { ...process.env, FAIRDESK_SERVER_URL: server.url },
  });
});

test.afterAll(async () => {
  await app?.close();
  await server?.stop();
  fs.rmSync(userData, { recursive: true, force: true });
});

test('the app window is hardened and refused the camera; Join opens the video window, which alone gets it', async () => {
  test.setTimeout(120_000);
  const main = await app.firstWindow();
  await expect(main.getByTestId('login-submit')).toBeVisible();
  expect(await main.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  expect(await main.evaluate(() => navigator.mediaDevices.getUserMedia({ video: true }).then(() => 'granted', (e: Error) => e.name))).toBe('NotAllowedError');

  await expect(main.getByTestId('login-server').locator('input')).toHaveValue(server.url);
  await main.getByTestId('login-email').locator('input').fill('manager1@kazlogistics.demo');
  await main.getByTestId('login-password').locator('input').fill(DEMO_PASSWORD);
  await main.getByTestId('login-submit').click();
  await main.getByTestId('nav-interviews').click();
  // The demo's first booking starts 3–4 minutes after the seed: Join is open.
  const row = main.getByTestId('video-interview-row').filter({ hasText: DEMO_CANDIDATES[0]?.name ?? '' });
  const opened = app.waitForEvent('window');
  await row.getByTestId('video-interview-join').click();
  const video = await opened;
  await expect(video.getByTestId('video-camera-check')).toBeVisible();
  await expect(video.getByTestId('video-call-failed')).toHaveCount(0);

  // Isolated and sandboxed like the app window: no Node in the page either.
  expect(await video.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  expect(app.windows()).toHaveLength(2);
});
