import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import pino from 'pino';
import { Server as SocketIoServer } from 'socket.io';
import { io as connectSocketIo } from 'socket.io-client';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { errorHandler, notFound } from '../http/errorHandler';
import { attachPeerServer, type PeerAdmission, type PeerServer } from './peerServer';

const silent = pino({ level: 'silent' });

/** The real contract's shape in memory: issued peers and their tokens; records every question. */
class IssuedPeers implements PeerAdmission {
  readonly asked: Array<{ peerId: string; token: string }> = [];
  readonly tokens = new Map<string, string>();
  /** When set, answers wait for it (to hold a handshake open). */
  gate: Promise<void> | null = null;
  failWith: Error | null = null;

  async peerAllowed(peerId: string, token: string): Promise<boolean> {
    this.asked.push({ peerId, token });
    if (this.gate) await this.gate;
    if (this.failWith) throw this.failWith;
    return this.tokens.get(peerId) === token;
  }
}

type Handshake = { kind: 'open'; ws: WebSocket; received: unknown[] } | { kind: 'refused'; status: number };

/** Connects exactly like peerjs 1.5: `ws://host:port<path>/peerjs?key=…&id=…&token=…&version=…`. */
function connectPeer(baseUrl: string, query: Record<string, string>): Promise<Handshake> {
  const params = new URLSearchParams({ ...query, version: '1.5.5' });
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/peerjs/peerjs?${params.toString()}`);
  const received: unknown[] = [];
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve({ kind: 'refused', status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type?: string };
      received.push(message);
      if (received.length === 1) {
        if (message.type === 'OPEN') resolve({ kind: 'open', ws, received });
        else reject(new Error(`first message was ${data.toString()}`));
      }
    });
    ws.on('error', (err) => reject(err));
    ws.on('close', () => reject(new Error('closed before OPEN or a refusal')));
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)));
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(-1);
    else ws.once('close', (code) => resolve(code));
  });
}

describe('PeerJS server behind the admission gate', () => {
  let server: http.Server;
  let socketIo: SocketIoServer;
  let peers: PeerServer;
  let admission: IssuedPeers;
  let baseUrl: string;
  const openSockets: WebSocket[] = [];

  beforeEach(async () => {
    // The real server's shape: Express API ending in the uniform 404, socket.io attached first.
    const app = express();
    app.use(notFound);
    app.use(errorHandler(silent));
    server = http.createServer(app);
    // engine.io ends upgrades it does not own once this passes with nothing written; 1 ms makes
    // a missing shield fail at once instead of after the default second.
    socketIo = new SocketIoServer(server, { serveClient: false, destroyUpgradeTimeout: 1 });
    admission = new IssuedPeers();
    admission.tokens.set('peer-alpha-0000000001', 'token-alpha-secret-1');
    admission.tokens.set('peer-bravo-0000000002', 'token-bravo-secret-2');
    peers = attachPeerServer(server, { admission, logger: silent });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const ws of openSockets.splice(0)) ws.terminate();
    await peers.close();
    await new Promise<void>((resolve) => void socketIo.close(() => resolve()));
  });

  async function open(id: string, token: string): Promise<WebSocket> {
    const handshake = await connectPeer(baseUrl, { key: 'fairdesk', id, token });
    if (handshake.kind !== 'open') throw new Error(`expected OPEN, got ${handshake.status}`);
    openSockets.push(handshake.ws);
    return handshake.ws;
  }

  it('admits an issued peer with its token: OPEN, after asking the admission', async () => {
    const handshake = await connectPeer(baseUrl, { key: 'fairdesk', id: 'peer-alpha-0000000001', token: 'token-alpha-secret-1' });
    expect(handshake.kind).toBe('open');
    if (handshake.kind === 'open') openSockets.push(handshake.ws);
    expect(admission.asked).toEqual([{ peerId: 'peer-alpha-0000000001', token: 'token-alpha-secret-1' }]);
    expect(peers.webSocketPath).toBe('/peerjs/peerjs');
  });

  it.each([
    ['an unknown id', { id: 'peer-never-issued-000', token: 'token-alpha-secret-1' }],
    ['a wrong token', { id: 'peer-alpha-0000000001', token: 'token-bravo-secret-2' }],
  ])('refuses %s with 403 after asking the admission', async (_case, query) => {
    expect(await connectPeer(baseUrl, { key: 'fairdesk', ...query })).toEqual({ kind: 'refused', status: 403 });
    expect(admission.asked).toEqual([{ peerId: query.id, token: query.token }]);
  });

  it.each([
    ['a wrong key', { key: 'peerjs', id: 'peer-alpha-0000000001', token: 'token-alpha-secret-1' }],
    ['a missing token', { key: 'fairdesk', id: 'peer-alpha-0000000001' }],
    ['an empty token', { key: 'fairdesk', id: 'peer-alpha-0000000001', token: '' }],
    ['a missing id', { key: 'fairdesk', token: 'token-alpha-secret-1' }],
    ['a missing key', { id: 'peer-alpha-0000000001', token: 'token-alpha-secret-1' }],
  ])('refuses %s with 403 without asking the admission', async (_case, query) => {
    expect(await connectPeer(baseUrl, query)).toEqual({ kind: 'refused', status: 403 });
    expect(admission.asked).toEqual([]);
  });

  it('answers 503 when the admission fails, and registers nobody', async () => {
    admission.failWith = new Error('database gone');
    expect(await connectPeer(baseUrl, { key: 'fairdesk', id: 'peer-alpha-0000000001', token: 'token-alpha-secret-1' })).toEqual({
      kind: 'refused',
      status: 503,
    });
    admission.failWith = null;
    // The id is free: it was never registered with the peer server.
    await open('peer-alpha-0000000001', 'token-alpha-secret-1');
  });

  it('a refused handshake does not take the id: its owner still gets OPEN', async () => {
    expect(await connectPeer(baseUrl, { key: 'fairdesk', id: 'peer-alpha-0000000001', token: 'guessed-token-000000' })).toEqual({
      kind: 'refused',
      status: 403,
    });
    await open('peer-alpha-0000000001', 'token-alpha-secret-1');
  });

  it('relays signalling between two admitted peers, with the sender as src', async () => {
    const alpha = await open('peer-alpha-0000000001', 'token-alpha-secret-1');
    const bravo = await open('peer-bravo-0000000002', 'token-bravo-secret-2');
    const arriving = nextMessage(bravo);
    const payload = { sdp: { type: 'offer', sdp: 'v=0' }, type: 'media', connectionId: 'mc_test' };
    // A forged src is replaced by the server with the sender's own id.
    alpha.send(JSON.stringify({ type: 'OFFER', src: 'peer-bravo-0000000002', dst: 'peer-bravo-0000000002', payload }));
    expect(await arriving).toEqual({ type: 'OFFER', src: 'peer-alpha-0000000001', dst: 'peer-bravo-0000000002', payload });
  });

  it('does not cut off a slow admission (socket.io shares the upgrade event)', async () => {
    let release = (): void => undefined;
    admission.gate = new Promise((resolve) => (release = resolve));
    const handshake = connectPeer(baseUrl, { key: 'fairdesk', id: 'peer-alpha-0000000001', token: 'token-alpha-secret-1' });
    while (admission.asked.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // Well past engine.io's 1 ms destroy-upgrade timer of this test server.
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const result = await handshake;
    expect(result.kind).toBe('open');
    if (result.kind === 'open') openSockets.push(result.ws);
  });

  it('survives an upgrade whose target is not a parseable URL', async () => {
    const { port } = server.address() as AddressInfo;
    const raw = net.connect(port, '127.0.0.1');
    raw.on('error', () => undefined);
    raw.end('GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    await new Promise((resolve) => raw.once('close', resolve));
    await open('peer-alpha-0000000001', 'token-alpha-secret-1');
  });

  it('socket.io still connects on the same server', async () => {
    const client = connectSocketIo(baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('connect', resolve);
        client.once('connect_error', reject);
      });
      expect(client.connected).toBe(true);
    } finally {
      client.close();
    }
  });

  it.each(['/peerjs/fairdesk/id', '/peerjs/peerjs/id', '/peerjs/fairdesk/peers', '/peerjs', '/peerjs/'])(
    'serves no peer HTTP route: GET %s is 404',
    async (route) => {
      const res = await fetch(`${baseUrl}${route}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('not_found');
    },
  );

  it('disconnectPeer closes that peer only', async () => {
    const alpha = await open('peer-alpha-0000000001', 'token-alpha-secret-1');
    const bravo = await open('peer-bravo-0000000002', 'token-bravo-secret-2');
    expect(peers.disconnectPeer('peer-alpha-0000000001')).toBe(1);
    expect(await closed(alpha)).toBe(1008);
    expect(bravo.readyState).toBe(WebSocket.OPEN);
    expect(peers.disconnectPeer('peer-never-issued-000')).toBe(0);
  });

  it('close() ends connected peers, refuses handshakes in flight and gives the upgrade back to socket.io', async () => {
    const alpha = await open('peer-alpha-0000000001', 'token-alpha-secret-1');
    let release = (): void => undefined;
    admission.gate = new Promise((resolve) => (release = resolve));
    const inFlight = connectPeer(baseUrl, { key: 'fairdesk', id: 'peer-bravo-0000000002', token: 'token-bravo-secret-2' });
    while (admission.asked.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await peers.close();
    release();
    expect(await closed(alpha)).not.toBe(1000);
    expect(await inFlight).toEqual({ kind: 'refused', status: 503 });
    const client = connectSocketIo(baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('connect', resolve);
        client.once('connect_error', reject);
      });
    } finally {
      client.close();
    }
  });
});

describe('close() and the process', () => {
  it('leaves nothing that keeps Node alive: a process that used the peer server exits by itself', async () => {
    // Compiled as the production build compiles it (CommonJS), run in a fresh Node process.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fairdesk-peer-exit-'));
    try {
      const source = readFileSync(path.join(__dirname, 'peerServer.ts'), 'utf8');
      const compiled = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      writeFileSync(path.join(dir, 'peerServer.js'), compiled.outputText);
      writeFileSync(path.join(dir, 'main.js'), EXIT_CHECK_SCRIPT);
      const child = spawn(process.execPath, [path.join(dir, 'main.js')], {
        cwd: dir,
        env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../../node_modules') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
      );
      clearTimeout(deadline);
      expect({ code, signal, output: output.trim() }).toEqual({ code: 0, signal: null, output: 'relayed, closed' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Attaches, connects two peers, relays one message, closes — then must exit on its own. */
const EXIT_CHECK_SCRIPT = `
const http = require('node:http');
const { WebSocket } = require('ws');
const pino = require('pino');
const { attachPeerServer } = require('./peerServer.js');

function open(port, id) {
  const ws = new WebSocket('ws://127.0.0.1:' + port + '/peerjs/peerjs?key=fairdesk&id=' + id + '&token=t-' + id);
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve(ws));
    ws.once('error', reject);
  });
}

(async () => {
  const server = http.createServer((req, res) => { res.statusCode = 404; res.end(); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const peers = attachPeerServer(server, {
    admission: { peerAllowed: async (id, token) => token === 't-' + id },
    logger: pino({ level: 'silent' }),
  });
  const port = server.address().port;
  const a = await open(port, 'exit-check-a');
  const b = await open(port, 'exit-check-b');
  const relayed = new Promise((resolve) => b.once('message', resolve));
  a.send(JSON.stringify({ type: 'CANDIDATE', dst: 'exit-check-b', payload: {} }));
  await relayed;
  await peers.close();
  await new Promise((resolve) => server.close(resolve));
  process.stdout.write('relayed, closed');
})().catch((err) => { console.error(err); process.exitCode = 1; });
`;
