import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Loads the BUILT Electron main bundle (out/main/index.js) with a fake `electron` module and
 * checks it really starts: hardened window, the 'rpc' handler, and the local cache opened and
 * migrated through the bundled TypeORM entities. Vite can silently leave decorators untransformed
 * (shared/TOOLCHAIN.md); tsc and unit tests would not notice, this test does.
 */

const repoRoot = path.resolve(__dirname, '../..');
const bundle = path.join(repoRoot, 'out/main/index.js');

type Handler = (...args: unknown[]) => unknown;

interface FakeWebContents {
  id: number;
  sent: Array<[string, unknown]>;
  mainFrame: { url: string; parent: null };
  send(channel: string, payload: unknown): void;
  on(): void;
  setWindowOpenHandler(): void;
}

/** A stand-in for the parts of Electron the main process touches, recording what it is asked. */
function fakeElectron(userData: string) {
  const record = {
    windows: [] as Array<{ options: Record<string, unknown>; loaded: string | null; webContents: FakeWebContents }>,
    handlers: new Map<string, Handler>(),
    appListeners: new Map<string, Handler[]>(),
    cspHeaders: [] as string[],
    quitCalls: 0,
    rpcRegistered: null as null | Promise<void>,
  };
  let resolveRegistered: () => void = () => undefined;
  record.rpcRegistered = new Promise((resolve) => {
    resolveRegistered = resolve;
  });
  let nextId = 1;

  class BrowserWindow {
    readonly webContents: FakeWebContents;
    private readonly entry: (typeof record.windows)[number];
    constructor(options: Record<string, unknown>) {
      const webContents: FakeWebContents = {
        id: nextId++,
        sent: [],
        mainFrame: { url: '', parent: null },
        send(channel, payload) {
          this.sent.push([channel, payload]);
        },
        on: () => undefined,
        setWindowOpenHandler: () => undefined,
      };
      this.webContents = webContents;
      this.entry = { options, loaded: null, webContents };
      record.windows.push(this.entry);
    }
    static getAllWindows(): BrowserWindow[] {
      return [];
    }
    async loadFile(file: string): Promise<void> {
      this.entry.loaded = pathToFileURL(file).href;
      this.webContents.mainFrame.url = this.entry.loaded;
    }
    async loadURL(url: string): Promise<void> {
      this.entry.loaded = url;
      this.webContents.mainFrame.url = url;
    }
    once(): void {}
    on(): void {}
    isDestroyed(): boolean {
      return false;
    }
    isMinimized(): boolean {
      return false;
    }
    show(): void {}
    focus(): void {}
    restore(): void {}
  }

  const electron = {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
        return userData;
      },
      getVersion: () => '0.1.0-bundle-test',
      on(event: string, listener: Handler) {
        record.appListeners.set(event, [...(record.appListeners.get(event) ?? []), listener]);
      },
      quit: () => {
        record.quitCalls += 1;
      },
      exit: (code: number) => {
        throw new Error(`app.exit(${code}) — the main process failed to start`);
      },
    },
    BrowserWindow,
    ipcMain: {
      handle(channel: string, handler: Handler) {
        record.handlers.set(channel, handler);
        if (channel === 'rpc') resolveRegistered();
      },
      removeHandler(channel: string) {
        record.handlers.delete(channel);
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(`enc:${text}`),
      decryptString: (data: Buffer) => data.toString().replace(/^enc:/, ''),
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived(listener: Handler) {
            listener({ responseHeaders: {} }, (answer: { responseHeaders: Record<string, string[]> }) => {
              record.cspHeaders.push(...(answer.responseHeaders['Content-Security-Policy'] ?? []));
            });
          },
        },
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
      },
    },
    shell: { openExternal: async () => undefined },
  };
  return { electron, record };
}

function sqliteTables(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (openError) => {
      if (openError) return reject(openError);
      db.all(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`, (error, rows: Array<{ name: string }>) => {
        db.close();
        if (error) reject(error);
        else resolve(rows.map((r) => r.name));
      });
    });
  });
}

describe('built Electron main bundle (out/main/index.js)', () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-main-bundle-'));
  const { electron, record } = fakeElectron(userData);

  beforeAll(async () => {
    if (!fs.existsSync(bundle)) {
      throw new Error(`${bundle} is missing: run npm run build first (electron-vite build).`);
    }
    const require = createRequire(__filename);
    // Serve the fake to the bundle's `require("electron")`; every other module loads normally.
    const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const originalLoad = Module._load;
    Module._load = function load(this: unknown, request: string, ...rest: unknown[]) {
      if (request === 'electron') return electron;
      return originalLoad.call(this, request, ...rest);
    };
    try {
      process.env.FAIRDESK_LOG_LEVEL = 'warn';
      require(bundle);
      // The handler is registered only after createCore has opened and migrated the cache.
      await record.rpcRegistered;
    } finally {
      Module._load = originalLoad;
    }
  });

  afterAll(() => {
    fs.rmSync(userData, { recursive: true, force: true });
  });

  it('creates one hardened window with the built preload', () => {
    expect(record.windows).toHaveLength(1);
    const prefs = record.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe(path.join(repoRoot, 'out/preload/index.js'));
    expect(record.windows[0]?.loaded).toBe(pathToFileURL(path.join(repoRoot, 'out/renderer/index.html')).href);
  });

  it('sets the strict CSP on every response', () => {
    expect(record.cspHeaders).toHaveLength(1);
    expect(record.cspHeaders[0]).toContain("default-src 'self'");
    expect(record.cspHeaders[0]).toContain("script-src 'self'");
    expect(record.cspHeaders[0]).toContain("object-src 'none'");
  });

  it('opened and migrated the cache with the bundled TypeORM entities', async () => {
    const tables = await sqliteTables(path.join(userData, 'fairdesk-cache.sqlite'));
    expect(tables).toEqual(expect.arrayContaining(['meta', 'session', 'centres', 'fairs', 'companies', 'pre_applications', 'typeorm_migrations']));
  });

  it('answers RPC calls from its own window through the one "rpc" handler', async () => {
    const rpc = record.handlers.get('rpc');
    expect(rpc).toBeDefined();
    const webContents = record.windows[0]?.webContents as FakeWebContents;
    const ownEvent = { sender: webContents, senderFrame: webContents.mainFrame };
    expect(await rpc?.(ownEvent, 'preApplications.list', undefined)).toEqual({ ok: true, value: [] });
    expect(await rpc?.(ownEvent, 'fairs.list', undefined)).toEqual({ ok: true, value: [] });
    expect(await rpc?.(ownEvent, 'app.info', undefined)).toMatchObject({
      ok: true,
      value: { host: 'electron', version: '0.1.0-bundle-test', defaultServerUrl: 'http://127.0.0.1:4400' },
    });
    expect(await rpc?.(ownEvent, 'preApplications.list', { status: 'bogus' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('refuses calls from frames that are not the app', async () => {
    const rpc = record.handlers.get('rpc');
    const webContents = record.windows[0]?.webContents as FakeWebContents;
    const foreignPage = { sender: webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    const subFrame = { sender: webContents, senderFrame: { url: webContents.mainFrame.url, parent: {} } };
    const otherContents = { sender: { id: 999 }, senderFrame: webContents.mainFrame };
    for (const event of [foreignPage, subFrame, otherContents]) {
      expect(await rpc?.(event, 'preApplications.list', undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('closes the cache before quitting', async () => {
    let prevented = false;
    for (const listener of record.appListeners.get('will-quit') ?? []) listener({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await expect.poll(() => record.quitCalls).toBe(1);
  });
});
