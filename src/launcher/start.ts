import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SERVER_PORT } from '../shared/api/http';
import { startChild, stopChild, type ManagedChild } from './childProcess';
import { findChromium, findElectronBinary, hasDisplay } from './findExecutables';

/**
 * `npm start`: the sync server (embedded SQLite, demo data) plus the desktop app — in Electron when
 * its binary is present, otherwise through the browser host. Ctrl-C stops everything it started.
 */
const projectRoot = resolve(__dirname, '..', '..', '..');
const dataRoot = process.env.FAIRDESK_DEV_DATA_DIR ?? join(projectRoot, '.data');
const children: ManagedChild[] = [];
let stopping = false;

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    process.stdout.write('\nStopping FairDesk…\n');
    for (const child of [...children].reverse()) await stopChild(child);
  }
  process.exit(exitCode);
}

function watch(child: ManagedChild): void {
  children.push(child);
  void child.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`${child.name} stopped unexpectedly (exit code ${code}); stopping the rest.\n`);
    void stopAll(code === 0 ? 1 : (code ?? 1));
  });
}

async function startServer(): Promise<string> {
  const port = process.env.FAIRDESK_PORT ?? String(DEFAULT_SERVER_PORT);
  const server = startChild('server', process.execPath, [join(projectRoot, 'out/node/server/main.js'), '--dev'], {
    ...process.env,
    FAIRDESK_PORT: port,
    FAIRDESK_DATA_DIR: process.env.FAIRDESK_DATA_DIR ?? join(dataRoot, 'server'),
  });
  watch(server);
  const listening = await server.waitForLog('listening', 60_000);
  return String(listening.url);
}

async function startDesktop(serverUrl: string): Promise<void> {
  const electron = findElectronBinary(projectRoot);
  if (electron) {
    process.stdout.write(`Starting the desktop app in Electron (${electron}).\n`);
    watch(startChild('desktop', electron, [projectRoot], { ...process.env, FAIRDESK_SERVER_URL: serverUrl }));
    return;
  }
  process.stdout.write(
    'The Electron binary is not installed on this machine, so the desktop app runs through the browser host instead\n' +
      '(the same core and the same UI, served to a browser on this computer only).\n',
  );
  const host = startChild('browser-host', process.execPath, [join(projectRoot, 'out/node/browser-host/main.js')], {
    ...process.env,
    FAIRDESK_SERVER_URL: serverUrl,
    FAIRDESK_CLIENT_DATA_DIR: process.env.FAIRDESK_CLIENT_DATA_DIR ?? join(dataRoot, 'desktop'),
  });
  watch(host);
  const ready = await host.waitForLog('browser host ready', 60_000);
  // The host itself prints the address for the user; we only open it.
  openAppWindow(String(ready.url));
}

/** Opens the URL in a system Chromium `--app` window when one is installed and a display exists. */
function openAppWindow(url: string): void {
  if (process.env.FAIRDESK_NO_OPEN) return;
  const chromium = findChromium();
  if (!chromium || !hasDisplay()) {
    process.stdout.write('  (No Chromium window opened: ' + (chromium ? 'no display' : 'no Chromium installed') + '; open the URL in a browser.)\n');
    return;
  }
  const profile = join(dataRoot, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const window = spawn(chromium, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-sync'], {
    stdio: 'ignore',
    detached: false,
  });
  window.on('error', () => process.stdout.write('  (Could not open Chromium; open the URL in a browser.)\n'));
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const serverUrl = await startServer();
  process.stdout.write(`Sync server running at ${serverUrl}\n`);
  await startDesktop(serverUrl);
  process.stdout.write('FairDesk is running. Press Ctrl-C to stop everything.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`FairDesk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  void stopAll(1);
});
