import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RpcEventMessage, RpcResponse } from '../shared/contract/ipc';
import { FakeSyncServer } from '../core/testing/fakeSyncServer';
import { makePreApplication, makeUser, seedWorld } from '../core/testing/fixtures';
import { startBrowserHost, type BrowserHost } from './startBrowserHost';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw GET (fetch would normalise `..` away before sending, hiding what we want to test). */
function rawGet(origin: string, rawPath: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket and resolves with it once open, or with the HTTP status that refused it. */
function connect(url: string, origin: string | undefined): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

/** A tiny client speaking the frame protocol, collecting events. */
class FrameClient {
  readonly events: RpcEventMessage[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (r: RpcResponse) => void>();
  private readonly waiters: Array<() => void> = [];
  readonly answers: RpcResponse[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as RpcResponse | RpcEventMessage;
      if ('event' in frame) this.events.push(frame);
      else {
        this.answers.push(frame);
        this.pending.get(frame.id)?.(frame);
      }
      for (const waiter of this.waiters.splice(0)) waiter();
    });
  }

  call(method: string, input?: unknown): Promise<RpcResponse> {
    const id = this.nextId++;
    return this.sendRaw(JSON.stringify({ id, method, input }), id);
  }

  sendRaw(frame: string | Buffer, expectId: number): Promise<RpcResponse> {
    return new Promise((resolve) => {
      this.pending.set(expectId, resolve);
      this.ws.send(frame);
    });
  }

  waitForEvent(predicate: (m: RpcEventMessage) => boolean): Promise<RpcEventMessage> {
    return new Promise((resolve) => {
      const check = (): void => {
        const found = this.events.find(predicate);
        if (found) resolve(found);
        else this.waiters.push(check);
      };
      check();
    });
  }
}

describe('browser host', () => {
  const user = makeUser({ email: 'moderator@demo.test' });
  let tmp: string;
  let server: FakeSyncServer;
  let host: BrowserHost;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-host-'));
    const rendererDir = path.join(tmp, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>FairDesk</title>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'font.woff2'), 'w');
    fs.writeFileSync(path.join(tmp, 'outside-secret.txt'), 'TOP SECRET');
    fs.symlinkSync(path.join(tmp, 'outside-secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));

    server = await FakeSyncServer.start([{ password: 'demo-pass', user }]);
    seedWorld(server.world, { preApplications: [makePreApplication({ number: '20300101-5' })] });
    host = await startBrowserHost({
      port: 0,
      dataDir: path.join(tmp, 'data'),
      rendererDir,
      defaultServerUrl: server.url,
      appVersion: '9.9.9',
    });
  });
  afterAll(async () => {
    await host.close();
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const wsUrl = (secret: string | null): string =>
    `${host.origin.replace('http', 'ws')}/rpc${secret === null ? '' : `?k=${encodeURIComponent(secret)}`}`;

  it('prints a loopback URL carrying a 32-byte base64url secret', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?k=[A-Za-z0-9_-]{43}$/);
    expect(host.url).toBe(`${host.origin}/?k=${host.secret}`);
  });

  it('serves the renderer with content types and the CSP', async () => {
    const index = await rawGet(host.origin, '/?k=whatever');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>FairDesk</title>');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ws://${new URL(host.origin).host}`);
    expect(index.headers['referrer-policy']).toBe('no-referrer');

    expect((await rawGet(host.origin, '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawGet(host.origin, '/assets/font.woff2')).headers['content-type']).toBe('font/woff2');
    // Client-side routes fall back to the app; missing files do not.
    expect((await rawGet(host.origin, '/queue/123')).body).toContain('<title>FairDesk</title>');
    expect((await rawGet(host.origin, '/assets/missing.js')).status).toBe(404);
  });

  it('never lists directories or reads outside the renderer directory', async () => {
    expect((await rawGet(host.origin, '/assets/')).status).toBe(404);
    for (const attempt of ['/../outside-secret.txt', '/assets/../../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/..%2foutside-secret.txt', '/assets/link.txt', '/%00index.html']) {
      const answer = await rawGet(host.origin, attempt);
      expect([400, 403, 404], attempt).toContain(answer.status);
      expect(answer.body, attempt).not.toContain('TOP SECRET');
    }
  });

  it('answers only requests naming its own Host (DNS rebinding)', async () => {
    expect((await rawGet(host.origin, '/', { host: 'evil.example:80' })).status).toBe(421);
  });

  it('refuses a WebSocket without the right secret (401) or from another origin (403)', async () => {
    expect(await connect(wsUrl(null), host.origin)).toBe(401);
    expect(await connect(wsUrl('wrong'), host.origin)).toBe(401);
    expect(await connect(wsUrl(`${host.secret}x`), host.origin)).toBe(401);
    expect(await connect(wsUrl(host.secret), 'http://evil.example')).toBe(403);
    expect(await connect(wsUrl(host.secret), undefined)).toBe(403);
    expect(await connect(wsUrl(host.secret).replace('/rpc', '/other'), host.origin)).toBe(404);
  });

  it('serves the RPC over the WebSocket: calls, errors, malformed frames and events', async () => {
    const ws = await connect(wsUrl(host.secret), host.origin);
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    const client = new FrameClient(ws);
    try {
      expect(await client.call('app.info')).toEqual({
        id: 1,
        ok: true,
        value: { version: '9.9.9', host: 'browser', platform: process.platform, defaultServerUrl: server.url },
      });
      expect(await client.call('nope.nothing')).toMatchObject({ id: 2, ok: false, error: { code: 'not_found' } });
      expect(await client.call('preApplications.list', { status: 42 })).toMatchObject({ id: 3, ok: false, error: { code: 'bad_request' } });
      expect(await client.sendRaw('{not json', -1)).toMatchObject({ id: -1, ok: false, error: { code: 'bad_request' } });
      expect(await client.sendRaw(JSON.stringify({ id: 77, method: 5 }), 77)).toMatchObject({ id: 77, ok: false });
      expect(await client.sendRaw(Buffer.from([1, 2, 3]), -1)).toMatchObject({ ok: false, error: { code: 'bad_request' } });

      const login = await client.call('session.login', { serverUrl: server.url, email: user.email, password: 'demo-pass' });
      expect(login).toMatchObject({ ok: true, value: { user: { id: user.id } } });
      const changed = await client.waitForEvent((m) => m.event === 'session.changed');
      expect(changed.payload).toMatchObject({ user: { email: user.email } });
      await client.waitForEvent((m) => m.event === 'sync.status' && (m.payload as { state: string }).state === 'idle');
      const list = await client.call('preApplications.list');
      expect(list).toMatchObject({ ok: true, value: [{ number: '20300101-5' }] });

      // The token went to the data directory's 0600 file, not to the cache.
      const tokenFile = path.join(tmp, 'data', 'session-token');
      expect(fs.readFileSync(tokenFile, 'utf8')).toBe([...server.tokens.keys()][0]);
      for (const file of ['fairdesk-cache.sqlite', 'fairdesk-cache.sqlite-wal']) {
        const cacheFile = path.join(tmp, 'data', file);
        if (fs.existsSync(cacheFile)) expect(fs.readFileSync(cacheFile).includes(fs.readFileSync(tokenFile))).toBe(false);
      }
    } finally {
      ws.close();
    }
  });
});
