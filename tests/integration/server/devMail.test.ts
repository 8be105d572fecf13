import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalRoutes } from '../../../src/shared/api/portal';
import { startServer, type RunningServer } from '../support/serverProcess';

/**
 * `npm start`'s server (`--dev`, no SMTP): a candidate's sign-in mail is written to the log, where
 * whoever tries the demo can follow the link; nothing is kept as "held" for a mail nobody can read.
 */
describe('development mail without SMTP', () => {
  let dataDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-dev-mail-'));
    server = await startServer({ dev: true, dataDir, env: { FAIRDESK_SECRET: undefined, FAIRDESK_SMTP_URL: undefined } });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs the candidate’s sign-in link instead of sending it', async () => {
    const res = await fetch(`${server.url}${portalRoutes.loginLink.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'aliya@example.kz', locale: 'en' }),
    });
    expect(res.status).toBe(202);
    await expect
      .poll(() => server.output.find((line) => line.includes('development mail') && line.includes('aliya@example.kz')), { timeout: 10_000 })
      .toBeDefined();
    const line = server.output.find((l) => l.includes('development mail') && l.includes('aliya@example.kz')) ?? '';
    const entry = JSON.parse(line) as { text: string; to: string };
    expect(entry.to).toBe('aliya@example.kz');
    expect(entry.text).toMatch(new RegExp(`${server.url.replace(/[.]/g, '\\.')}/sign-in#token=[A-Za-z0-9_%-]{20,}`));
  });
});
