import path from 'node:path';
import { ConfigError, describeDatabase, loadConfig } from './config';
import { createLogger } from './logger';
import { formatDemoAccountsBanner } from './seed/demoAccounts';
import { ClockConfigError, serverClockFrom, systemClock, type ServerClock } from './serverClock';
import { startSyncServer, type SyncServer } from './syncServer';

/**
 * Entry point (`out/node/server/main.js`).
 * - `node out/node/server/main.js`: production. Needs FAIRDESK_SECRET; seeds only with FAIRDESK_SEED=demo.
 * - `node out/node/server/main.js --dev`: development (`npm start`). Dev secret allowed, demo world
 *   seeded into an empty database, demo accounts printed.
 * Exit codes: 0 after SIGINT/SIGTERM, 1 when the server fails at start or at run time, 2 for bad configuration.
 */
async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  let config;
  let clock: ServerClock = systemClock;
  try {
    config = loadConfig(process.env, { dev, defaultPortalDir: path.resolve(__dirname, '../../portal') });
    clock = serverClockFrom(process.env, process);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof ClockConfigError) {
      process.stderr.write(`fairdesk-server: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let server: SyncServer;
  try {
    if (clock !== systemClock) logger.warn('FAIRDESK_TEST_CLOCK=ipc: the parent process sets the video interviews\' clock (tests only)');
    server = await startSyncServer(config, logger, { clock });
  } catch (err) {
    logger.fatal({ err }, 'server failed to start');
    process.stderr.write(`fairdesk-server: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  // The banner goes first so that whoever waits for the `listening` line has already seen it.
  if (dev) process.stdout.write(`${formatDemoAccountsBanner(server.url)}\n`);
  logger.info(
    { url: server.url, mode: config.mode, database: describeDatabase(config), seeded: server.seeded },
    'listening',
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    server.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err }, 'unhandled promise rejection; exiting');
    process.exit(1);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`fairdesk-server: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
