// @ts-check
/**
 * One simulated desktop app: the REAL, BUILT desktop core (out/node/core, what Electron and the
 * browser host run) in its own process, with its own cache directory and token file, driven by
 * the simulation over Node's IPC channel instead of a renderer. It is plain JavaScript on purpose:
 * it runs with `node` alone (no TypeScript loader), against the build `npm test` has just made.
 *
 * Environment: SIM_DATA_DIR (cache + token), SIM_SERVER_URL (the client's fault proxy),
 * SIM_SERVER_TIMEOUT_MS, SIM_SYNC_INTERVAL_MS, SIM_DEBUG (log core lines to stderr).
 *
 * Messages in:  {kind:'call', id, method, input} | {kind:'memory', id} | {kind:'resetPeak', id} | {kind:'close', id}
 * Messages out: {kind:'ready', pid} | {kind:'result', id, result} | {kind:'memory', id, …} | {kind:'event', event, payload}
 *
 * The protocol is typed on the parent's side in driverProtocol.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const built = path.resolve(here, '../../out/node/core');
const { createCore } = await import(path.join(built, 'createCore.js'));
const { FileSecretStore } = await import(path.join(built, 'secrets/fileSecretStore.js'));

/** @param {string} name @param {number} fallback */
function numberFromEnv(name, fallback) {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : Number(raw);
}

/** @param {unknown} message */
function send(message) {
  // The parent may already be gone (it killed us); nothing useful to do then.
  if (process.connected) process.send?.(message);
}

const dataDir = process.env.SIM_DATA_DIR;
const serverUrl = process.env.SIM_SERVER_URL;
if (!dataDir || !serverUrl || !process.send) {
  process.stderr.write('driver.mjs: needs SIM_DATA_DIR, SIM_SERVER_URL and an IPC channel (child_process.fork)\n');
  process.exit(2);
}

const debug = process.env.SIM_DEBUG === '1';
/** @type {(level: string) => (context: object, message: string) => void} */
const line = (level) => (context, message) => {
  if (debug) process.stderr.write(`[${path.basename(dataDir)} ${level}] ${message} ${JSON.stringify(context)}\n`);
};
const logger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };

// Peak memory, sampled often enough to catch the high-water mark of a paged initial sync.
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const { rss, heapUsed } = process.memoryUsage();
  if (rss > peakRss) peakRss = rss;
  if (heapUsed > peakHeap) peakHeap = heapUsed;
};
setInterval(sample, 5).unref();
// With --expose-gc: the live heap (what survives a full collection), sampled every 50 ms. Slows
// the client down; only for telling retention from garbage not yet collected.
let peakLiveHeap = 0;
const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
if (gc) {
  setInterval(() => {
    gc();
    const { heapUsed } = process.memoryUsage();
    if (heapUsed > peakLiveHeap) peakLiveHeap = heapUsed;
  }, 50).unref();
}

const core = await createCore({
  dataDir,
  secretStore: new FileSecretStore(path.join(dataDir, 'session-token')),
  host: 'browser',
  appVersion: '0.0.0-sim',
  defaultServerUrl: serverUrl,
  logger,
  serverTimeoutMs: numberFromEnv('SIM_SERVER_TIMEOUT_MS', 2_000),
  syncIntervalMs: numberFromEnv('SIM_SYNC_INTERVAL_MS', 3_600_000),
});

/** @type {((method: string, input: unknown) => Promise<unknown>) | null} */
let handler = null;
core.attach({
  onRequest(h) {
    handler = h;
  },
  emit(event, payload) {
    send({ kind: 'event', event, payload });
  },
});

process.on('message', (/** @type {{kind?: string, id?: number, method: string, input?: unknown}} */ message) => {
  void (async () => {
    switch (message?.kind) {
      case 'call': {
        const result = handler
          ? await handler(message.method, message.input)
          : { ok: false, error: { code: 'internal', message: 'not attached' } };
        send({ kind: 'result', id: message.id, result });
        return;
      }
      case 'memory':
        sample();
        send({ kind: 'memory', id: message.id, peakRss, peakHeap, peakLiveHeap, ...process.memoryUsage() });
        return;
      case 'resetPeak':
        peakRss = 0;
        peakHeap = 0;
        peakLiveHeap = 0;
        sample();
        send({ kind: 'memory', id: message.id, peakRss, peakHeap, ...process.memoryUsage() });
        return;
      case 'close':
        await core.close();
        send({ kind: 'closed', id: message.id });
        process.exit(0);
        return;
      default:
        process.stderr.write(`driver.mjs: unknown message ${JSON.stringify(message)}\n`);
    }
  })();
});
process.on('disconnect', () => process.exit(0));

send({ kind: 'ready', pid: process.pid });
