import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { DEFAULT_SERVER_PORT } from '../shared/api/http';
import { startBrowserHost } from './startBrowserHost';

/**
 * `node out/node/browser-host/main.js` — serves the desktop app to a browser on this machine.
 *
 * Environment:
 *   FAIRDESK_HOST_PORT        port on 127.0.0.1 (default 4410; 0 = any free port)
 *   FAIRDESK_SERVER_URL       sync server pre-filled on the login form (default http://127.0.0.1:4400)
 *   FAIRDESK_CLIENT_DATA_DIR  local cache and session token (default .data/desktop)
 *   FAIRDESK_LOG_LEVEL        pino level (default info)
 *
 * Prints one JSON log line `{"msg":"browser host ready","url":…}` for launchers, and a line for humans.
 */
const DEFAULT_HOST_PORT = 4410;

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_HOST_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`FAIRDESK_HOST_PORT must be a port number (0–65535), got "${raw}".`);
  }
  return port;
}

function appVersion(): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  const logger = pino({ level: process.env.FAIRDESK_LOG_LEVEL ?? 'info', base: { service: 'browser-host' } });
  const host = await startBrowserHost({
    port: readPort(process.env.FAIRDESK_HOST_PORT),
    dataDir: path.resolve(process.env.FAIRDESK_CLIENT_DATA_DIR ?? path.join('.data', 'desktop')),
    defaultServerUrl: process.env.FAIRDESK_SERVER_URL ?? `http://127.0.0.1:${DEFAULT_SERVER_PORT}`,
    appVersion: appVersion(),
    logger,
  });
  logger.info({ url: host.url }, 'browser host ready');
  process.stdout.write(`\nFairDesk is running in your browser at:\n  ${host.url}\n(keep this link private: it is the key to this session; Ctrl-C stops)\n\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'browser host stopping');
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ error: String(error) }, 'browser host did not close cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`FairDesk browser host failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
