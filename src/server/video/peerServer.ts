import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import express from 'express';
import type * as PeerModule from 'peer' with { 'resolution-mode': 'import' };
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Logger } from '../logger';

/** Decides whether a PeerJS client may connect: an issued, unrevoked peer id whose token matches and whose call is still joinable. */
export interface PeerAdmission {
  peerAllowed(peerId: string, token: string): Promise<boolean>;
}

export interface PeerServerOptions {
  admission: PeerAdmission;
  /** Where the PeerJS client points (`path` option of `new Peer`); default `/peerjs`. */
  path?: string;
  /** PeerJS API key the clients send; default `fairdesk`. Not a secret: the peer token is. */
  key?: string;
  logger: Logger;
}

/** The PeerJS signalling server on the API's HTTP server. */
export interface PeerServer {
  path: string;
  key: string;
  /** The WebSocket endpoint the PeerJS client connects to: `<path>/peerjs?key=…&id=…&token=…`. */
  webSocketPath: string;
  /** Closes every socket of `peerId` (e.g. its grant was revoked); returns how many were open. */
  disconnectPeer(peerId: string): number;
  /** Refuses new peers, closes the connected ones and stops the PeerJS server's timers. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_PEER_PATH = '/peerjs';
export const DEFAULT_PEER_KEY = 'fairdesk';

/**
 * The handshake query PeerJS 1.5 sends. Parsed exactly as peer 1.0.2 parses it (`URL` +
 * `Object.fromEntries`, last duplicate wins), so the id the gate admits is the id peer registers.
 */
const PeerHandshake = z.object({
  key: z.string(),
  id: z.string().min(1).max(200),
  token: z.string().min(1).max(200),
});

/**
 * peer 1.0.2 ships CommonJS for `require` (dist/index.cjs) but declares its types only as ESM (its
 * package is `"type": "module"`), so a static import does not type-check in this CommonJS build.
 */
const { ExpressPeerServer } = createRequire(__filename)('peer') as typeof PeerModule;

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Runs PeerJS signalling (peer 1.0.2) under `path` on `server`, admitting only peers our server issued.
 *
 * - **Gate before registration**: peer gets a WebSocket server that never listens itself
 *   (`createWebSocketServer` → `noServer`); upgrades to `<path>/peerjs` reach it only after
 *   `admission.peerAllowed(id, token)` said yes. Anything else is answered `403` (wrong key, missing
 *   or malformed id/token, refused by admission) or `503` (admission failed) and the socket closed,
 *   so a refused client never sees `OPEN` and never occupies an id.
 * - **No HTTP API**: peer's routes (`/:key/id` hands out ids, `/:key/peers`, `/`) are needed by no
 *   client that brings its own id, so the peer app is mounted on a private Express app that nothing
 *   serves. Discovery is off regardless.
 * - **socket.io coexists**: upgrade listeners already on `server` (socket.io's) are moved behind
 *   this dispatcher and receive every upgrade except the peer path. Without that, engine.io ends any
 *   upgrade it does not own after 1 s with nothing written — a slow admission would be cut off.
 *   Attach after socket.io; listeners added later still see every upgrade.
 * - **close()** restores the upgrade listeners, closes the peer sockets and stops peer's internal
 *   timer loops (they are not exposed and would keep Node alive forever).
 */
export function attachPeerServer(server: HttpServer, options: PeerServerOptions): PeerServer {
  const path = normalizePath(options.path ?? DEFAULT_PEER_PATH);
  const key = options.key ?? DEFAULT_PEER_KEY;
  const webSocketPath = `${path}/peerjs`;
  const { admission, logger } = options;
  const log = logger.child({ component: 'peer-server' });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const socketsByPeer = new Map<string, Set<WebSocket>>();
  const peerApp = ExpressPeerServer(server, {
    key,
    path: '/',
    allow_discovery: false,
    // Our gate has already checked everything peer would; its own server only relays.
    createWebSocketServer: () => sockets,
  });
  // peer re-emits socket errors on its app; an EventEmitter without a listener would throw them.
  peerApp.on('error', (err: Error) => log.warn({ err }, 'peer server error'));
  peerApp.on('connection', (client) => log.debug({ peerId: client.getId() }, 'peer connected'));
  peerApp.on('disconnect', (client) => log.debug({ peerId: client.getId() }, 'peer disconnected'));

  // The mount event makes peer start its WebSocket server and timer loops, under `path`.
  const timers = captureTimerLoops(() => express().use(path, peerApp));

  let closed = false;
  const pending = new Set<Duplex>();

  async function admit(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const query = Object.fromEntries(parseUrl(req)?.searchParams.entries() ?? []);
    const handshake = PeerHandshake.safeParse(query);
    if (!handshake.success || handshake.data.key !== key) {
      log.info({ peerId: typeof query['id'] === 'string' ? query['id'] : undefined }, 'peer refused: bad handshake');
      return refuseUpgrade(socket, 403);
    }
    const { id, token } = handshake.data;
    let allowed: boolean;
    pending.add(socket);
    try {
      allowed = await admission.peerAllowed(id, token);
    } catch (err) {
      log.error({ err, peerId: id }, 'peer admission failed');
      return refuseUpgrade(socket, 503);
    } finally {
      pending.delete(socket);
    }
    if (closed) return refuseUpgrade(socket, 503);
    if (!allowed) {
      log.info({ peerId: id }, 'peer refused by admission');
      return refuseUpgrade(socket, 403);
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      trackSocket(socketsByPeer, id, ws);
      sockets.emit('connection', ws, req);
    });
  }

  const shielded = server.listeners('upgrade') as UpgradeListener[];
  for (const listener of shielded) server.off('upgrade', listener);
  const onUpgrade: UpgradeListener = (req, socket, head) => {
    if (parseUrl(req)?.pathname !== webSocketPath) {
      for (const listener of shielded) listener.call(server, req, socket, head);
      return;
    }
    // A client that hangs up while admission runs must not crash the process.
    socket.on('error', (err) => log.debug({ err }, 'peer upgrade socket error'));
    void admit(req, socket, head);
  };
  server.on('upgrade', onUpgrade);

  let closing: Promise<void> | undefined;
  return {
    path,
    key,
    webSocketPath,
    disconnectPeer(peerId) {
      const open = socketsByPeer.get(peerId);
      if (!open) return 0;
      for (const ws of open) ws.close(1008, 'peer revoked');
      return open.size;
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        closed = true;
        server.off('upgrade', onUpgrade);
        // Back in front of anything attached after us, in their original order.
        for (const listener of [...shielded].reverse()) server.prependListener('upgrade', listener);
        for (const socket of pending) refuseUpgrade(socket, 503);
        timers.stop();
        for (const ws of sockets.clients) ws.terminate();
        sockets.close(() => resolve());
      })),
  };
}

function normalizePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (!trimmed.startsWith('/')) throw new Error(`peer server path must start with "/": ${path}`);
  return trimmed;
}

/** The request target as peer 1.0.2 reads it; null when unparseable (a throw here would crash the process). */
function parseUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '', 'http://peer.invalid');
  } catch {
    return null;
  }
}

function trackSocket(socketsByPeer: Map<string, Set<WebSocket>>, peerId: string, ws: WebSocket): void {
  let open = socketsByPeer.get(peerId);
  if (!open) socketsByPeer.set(peerId, (open = new Set()));
  open.add(ws);
  ws.once('close', () => {
    open.delete(ws);
    if (open.size === 0 && socketsByPeer.get(peerId) === open) socketsByPeer.delete(peerId);
  });
}

/** Answers an upgrade we will not accept with a plain HTTP status and closes the socket. */
function refuseUpgrade(socket: Duplex, status: 403 | 503): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = STATUS_CODES[status] ?? 'Refused';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${body}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * peer 1.0.2 starts two self-rescheduling `setTimeout` loops (broken-connection check every 300 ms,
 * queued-message expiry) and exposes no way to stop them. This runs `start` — and, transitively,
 * every callback of a timer it scheduled — with a tracking `setTimeout`, so `stop()` can clear the
 * pending ones and end the loops. The swap lasts only for those synchronous calls.
 */
function captureTimerLoops(start: () => void): { stop(): void } {
  const realSetTimeout = globalThis.setTimeout;
  const pendingTimers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const trackingSetTimeout = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): NodeJS.Timeout => {
    const timer = realSetTimeout(() => {
      pendingTimers.delete(timer);
      if (!stopped) withTracking(() => callback(...args));
    }, ms);
    pendingTimers.add(timer);
    return timer;
  };

  function withTracking(run: () => void): void {
    const previous = globalThis.setTimeout;
    globalThis.setTimeout = trackingSetTimeout as typeof setTimeout;
    try {
      run();
    } finally {
      globalThis.setTimeout = previous;
    }
  }

  withTracking(start);
  return {
    stop() {
      stopped = true;
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
    },
  };
}
