import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSyncServer } from '../testing/fakeSyncServer';
import { makeUser } from '../testing/fixtures';
import { ServerClient } from './serverClient';

/** A plain HTTP server answering every request with `handler` (stands in for "not FairDesk"). */
async function otherServer(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function closedPortUrl(): Promise<string> {
  const probe = await otherServer(() => undefined);
  await probe.close();
  return probe.url;
}

describe('ServerClient', () => {
  const user = makeUser({ email: 'mod@example.test' });
  let server: FakeSyncServer;
  beforeAll(async () => {
    server = await FakeSyncServer.start([{ password: 'secret', user }]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('logs in, parses the answer and sends the bearer token on later calls', async () => {
    const client = new ServerClient(server.url);
    const login = await client.login({ email: 'MOD@example.test ', password: 'secret' });
    expect(login.user).toEqual(user);
    expect(await client.me(login.token)).toEqual({ user, expiresAt: login.expiresAt });
    const pull = await client.pull(login.token, { clientId: crypto.randomUUID(), schemaVersion: 1, cookie: null });
    expect(pull.reset).toBe(true);
    expect(server.pulls().at(-1)?.authorization).toBe(`Bearer ${login.token}`);
    await client.logout(login.token);
    await expect(client.me(login.token)).rejects.toMatchObject({ code: 'session_expired' });
  });

  it("passes the server's error code and message through", async () => {
    await expect(new ServerClient(server.url).login({ email: 'mod@example.test', password: 'nope' })).rejects.toMatchObject({
      code: 'invalid_credentials',
      message: 'Wrong e-mail or password.',
    });
  });

  it('reports a refused connection as server_unreachable, naming the address', async () => {
    const url = await closedPortUrl();
    const error = await new ServerClient(url).health().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'server_unreachable' });
    expect((error as Error).message).toContain(`Cannot reach the server at ${url} (nothing is listening at that address)`);
  });

  it('reports an unknown host as server_unreachable', async () => {
    const error = await new ServerClient('http://fairdesk.invalid').health().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'server_unreachable' });
  });

  it('gives up after the timeout with server_unreachable', async () => {
    const silent = await otherServer(() => undefined); // accepts, never answers
    try {
      const error = await new ServerClient(silent.url, { timeoutMs: 200 }).health().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'server_unreachable' });
      expect((error as Error).message).toContain('did not answer within');
    } finally {
      await silent.close();
    }
  });

  it('says bad_server_url when something that is not FairDesk answers', async () => {
    const web = await otherServer((req, res) => {
      if (req.url === '/api/health') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>router admin</html>');
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<h1>Not found</h1>');
      }
    });
    try {
      await expect(new ServerClient(web.url).health()).rejects.toMatchObject({ code: 'bad_server_url' });
      await expect(new ServerClient(web.url).login({ email: 'a@b.kz', password: 'x' })).rejects.toMatchObject({
        code: 'bad_server_url',
      });
    } finally {
      await web.close();
    }
  });

  it('treats a gateway error from a proxy as server_unreachable', async () => {
    const proxy = await otherServer((_req, res) => {
      res.writeHead(503);
      res.end('Service Unavailable');
    });
    try {
      await expect(new ServerClient(proxy.url).health()).rejects.toMatchObject({ code: 'server_unreachable' });
    } finally {
      await proxy.close();
    }
  });

  it('streams an upload in chunks, counting what the connection took, and the server receives every byte', async () => {
    const received: Buffer[] = [];
    const other = await otherServer((req, res) => {
      req.on('data', (chunk: Buffer) => received.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(received);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: '00000000-0000-4000-8000-000000000001', mime: 'image/png', size: body.length, sha256: 'a'.repeat(64), width: 1, height: 1 }));
      });
    });
    try {
      const bytes = new Uint8Array(300 * 1024).map((_, i) => i % 251);
      const progress: number[] = [];
      const stored = await new ServerClient(other.url).putUpload(
        't',
        { kind: 'image', id: '00000000-0000-4000-8000-000000000001', bytes, mime: 'image/png', fileName: 'big.png' },
        (sent) => progress.push(sent),
      );
      expect(stored.size).toBe(bytes.length);
      expect(Buffer.concat(received).equals(Buffer.from(bytes))).toBe(true);
      // 300 KiB in 64 KiB chunks: five steps, rising, ending at the whole file.
      expect(progress).toEqual([65536, 131072, 196608, 262144, 307200]);
    } finally {
      await other.close();
    }
  });
});
