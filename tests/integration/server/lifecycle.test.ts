import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { routes } from '../../../src/shared/api/http';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../src/server/seed/demoAccounts';
import { runServerToExit, startServer } from '../support/serverProcess';

const loginStatus = async (url: string, email: string) =>
  (
    await fetch(`${url}${routes.login.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    })
  ).status;

const jsonLines = (lines: string[]) =>
  lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('server process lifecycle (SQLite)', () => {
  const tempDirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-lifecycle-'));
    tempDirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['missing', undefined, /FAIRDESK_SECRET is not set/],
    ['too short', 'short', /FAIRDESK_SECRET is too short/],
    ['the development default', 'fairdesk-dev-secret-do-not-use-in-production', /public development secret/],
  ])('refuses to start in production with a %s secret (exit 2, one clear line)', async (_label, secret, message) => {
    const result = await runServerToExit({ env: { FAIRDESK_SECRET: secret } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('refuses an invalid port with exit 2', async () => {
    const result = await runServerToExit({ env: { FAIRDESK_PORT: 'http' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/FAIRDESK_PORT/);
  });

  it('refuses FAIRDESK_TEST_CLOCK=ipc without an IPC channel to a parent (exit 2): nothing else may set the clock', async () => {
    const result = await runServerToExit({ env: { FAIRDESK_TEST_CLOCK: 'ipc' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/FAIRDESK_TEST_CLOCK=ipc needs/);
  });

  it('with clockControl, the parent sets the server clock and the health check reads it', async () => {
    const server = await startServer({ seed: false, clockControl: true });
    try {
      const serverTime = async () => ((await (await fetch(`${server.url}/api/health`)).json()) as { serverTime: number }).serverTime;
      expect(Math.abs((await serverTime()) - Date.now())).toBeLessThan(60_000);
      const at = Date.UTC(2031, 4, 17, 9, 49);
      await server.setClock(at);
      const read = await serverTime();
      expect(read).toBeGreaterThanOrEqual(at);
      expect(read - at).toBeLessThan(60_000);
    } finally {
      await server.stop();
    }
  });

  it('never seeds in production unless FAIRDESK_SEED=demo, and stops cleanly on SIGTERM', async () => {
    const server = await startServer({ seed: false });
    expect(await loginStatus(server.url, 'moderator@fairdesk.demo')).toBe(401);
    expect(await server.stop()).toBe(0);
    expect(jsonLines(server.output).map((e) => e['msg'])).toEqual(expect.arrayContaining(['listening', 'stopping', 'stopped']));
  });

  it('--dev seeds an empty database, prints the demo accounts, and does not seed twice', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dev: true, dataDir, seed: false, env: { FAIRDESK_SECRET: undefined } });
    const banner = first.output.join('\n');
    for (const account of DEMO_ACCOUNTS) expect(banner).toContain(account.email);
    expect(banner).toContain(DEMO_PASSWORD);
    expect(await loginStatus(first.url, 'moderator@fairdesk.demo')).toBe(200);
    expect(await first.stop()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'fairdesk.sqlite'))).toBe(true);

    const second = await startServer({ dev: true, dataDir, seed: false, env: { FAIRDESK_SECRET: undefined } });
    expect(jsonLines(second.output).find((e) => e['msg'] === 'listening')).toMatchObject({ seeded: false, mode: 'dev' });
    expect(await loginStatus(second.url, 'moderator@fairdesk.demo')).toBe(200);
    second.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('serves the built portal with an SPA fallback, keeping API 404s as JSON', async () => {
    const portalDir = tempDir();
    fs.writeFileSync(path.join(portalDir, 'index.html'), '<!doctype html><title>FairDesk portal</title>');
    fs.writeFileSync(path.join(portalDir, 'app.js'), 'console.log(1)');
    const server = await startServer({ seed: false, env: { FAIRDESK_PORTAL_DIR: portalDir } });
    try {
      const page = await fetch(`${server.url}/fairs/some-fair`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('FairDesk portal');
      const asset = await fetch(`${server.url}/app.js`);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      const api = await fetch(`${server.url}/api/nope`);
      expect(api.status).toBe(404);
      expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
    } finally {
      await server.stop();
    }
  });
});
