import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { createCore, type Core, type CoreOptions } from '../core/createCore';
import { contentSecurityPolicy } from '../core/hosting/contentSecurityPolicy';
import { silentLogger, type CoreLogger } from '../core/logger';
import { FileSecretStore } from '../core/secrets/fileSecretStore';
import type { SecretStore } from '../core/secrets/secretStore';
import { generateHostSecret, secretMatches } from './accessGuard';
import { serveStaticFile } from './staticFiles';
import { WebSocketRpcTransport } from './webSocketTransport';

export const RPC_PATH = '/rpc';
/** Loopback frames are small; a megabyte is far beyond any legitimate request. */
const MAX_FRAME_BYTES = 1024 * 1024;
const SESSION_TOKEN_FILE = 'session-token';

export interface BrowserHostOptions {
  /** 0 picks a free port. */
  port: number;
  /** Loopback only; anything else is refused. */
  host?: '127.0.0.1';
  dataDir: string;
  /** The built renderer (default: out/renderer next to the built host). */
  rendererDir?: string;
  defaultServerUrl: string;
  appVersion: string;
  logger?: CoreLogger;
  /** Default: a 0600 file in `dataDir` (not encrypted; see FileSecretStore). */
  secretStore?: SecretStore;
  /** Passed to createCore (test seams such as the sync interval). */
  core?: Partial<Pick<CoreOptions, 'syncIntervalMs' | 'serverTimeoutMs' | 'connectPokes'>>;
}

export interface BrowserHost {
  /** What to open in a browser: `http://127.0.0.1:PORT/?k=SECRET`. */
  url: string;
  /** `http://127.0.0.1:PORT` — the only Origin allowed on the WebSocket. */
  origin: string;
  secret: string;
  close(): Promise<void>;
}

/**
 * Serves the desktop core and the built renderer to a browser on this machine: static files over
 * HTTP, the RPC over a WebSocket at /rpc. Anyone on the machine can reach a loopback port, so the
 * WebSocket also requires the per-run secret (`?k=`) and our own Origin (another site open in the
 * same browser cannot talk to it), and every request must name our Host (DNS rebinding).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The browser host only listens on 127.0.0.1.');
  const logger = options.logger ?? silentLogger;
  const rendererDir = path.resolve(options.rendererDir ?? path.resolve(__dirname, '../../renderer'));
  const secret = generateHostSecret();

  const core: Core = await createCore({
    dataDir: options.dataDir,
    secretStore: options.secretStore ?? new FileSecretStore(path.join(options.dataDir, SESSION_TOKEN_FILE)),
    host: 'browser',
    appVersion: options.appVersion,
    defaultServerUrl: options.defaultServerUrl,
    logger,
    ...options.core,
  });

  let origin = '';
  let hostHeader = '';
  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': contentSecurityPolicy([`ws://${hostHeader}`]),
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the secret: never send it anywhere as a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  });

  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders())) res.setHeader(name, value);
    const plain = (status: number, text: string): void => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.headers.host !== hostHeader) {
      return plain(421, `Open FairDesk at ${origin}/ with the link printed when it started.`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(405, 'Method not allowed.');
    }
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    serveStaticFile(rendererDir, rawPath, req.method, res)
      .then((result) => {
        if (result === 'forbidden') plain(403, 'Forbidden.');
        else if (result === 'not_found') plain(404, 'Not found.');
        else if (result === 'bad_request') plain(400, 'Bad request.');
      })
      .catch((error: unknown) => {
        logger.error({ error: String(error), path: rawPath }, 'static file failed');
        if (!res.headersSent) plain(500, 'Internal error.');
        else res.destroy();
      });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const transport = new WebSocketRpcTransport(wss, logger);
  const detach = core.attach(transport);

  server.on('upgrade', (req, socket: Socket, head) => {
    const [rawPath, query = ''] = (req.url ?? '/').split('?');
    if (rawPath !== RPC_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (req.headers.host !== hostHeader) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!secretMatches(secret, new URLSearchParams(query).get('k'))) {
      logger.warn({}, 'browser host refused a websocket without the right secret');
      return refuseUpgrade(socket, 401, 'Unauthorized');
    }
    if (req.headers.origin !== origin) {
      logger.warn({ origin: req.headers.origin ?? null }, 'browser host refused a websocket from another origin');
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const connections = new Set<Socket>();
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  hostHeader = `${host}:${port}`;
  origin = `http://${hostHeader}`;
  logger.info({ origin, rendererDir }, 'browser host listening');

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?k=${secret}`,
    origin,
    secret,
    close: () => {
      closing ??= (async () => {
        detach();
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of connections) socket.destroy();
        await closed;
        await core.close();
      })();
      return closing;
    },
  };
}

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
