import path from 'node:path';
import { app, BrowserWindow, ipcMain, safeStorage, session, shell, type WebContents } from 'electron';
import pino from 'pino';
import { createCore, type Core } from '../core/createCore';
import { DEFAULT_SERVER_PORT } from '../shared/api/http';
import { followTitleWithBadge } from './appBadge';
import { createIpcTransport } from './ipcTransport';
import { createSafeStorageSecretStore } from './secretStore';
import { applySessionSecurity, hardenWebContents, type AppLocation } from './security';
import { createMainWindow, createVideoWindow } from './window';

/**
 * Electron main process: glue only. Everything the app does lives in src/core, served to the
 * window over one `ipcMain.handle('rpc')`.
 *
 * Environment: FAIRDESK_SERVER_URL pre-fills the login form (default http://127.0.0.1:4400);
 * ELECTRON_RENDERER_URL is set by `electron-vite dev` (ignored in packaged builds).
 */
const logger = pino({ level: process.env.FAIRDESK_LOG_LEVEL ?? 'info', base: { service: 'desktop' } });

const location: AppLocation =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL
    ? { kind: 'dev', url: process.env.ELECTRON_RENDERER_URL }
    : { kind: 'file', indexHtml: path.join(__dirname, '../renderer/index.html') };

let core: Core | null = null;
let window: BrowserWindow | null = null;
/** Open video windows by interview id (one per call). */
const videoWindows = new Map<string, BrowserWindow>();
const preload = path.join(__dirname, '../preload/index.js');

/** Whether `contents` belongs to a video window: the only WebContents granted camera and microphone. */
const isVideoWindow = (contents: WebContents | null): boolean =>
  contents !== null && [...videoWindows.values()].some((w) => !w.isDestroyed() && w.webContents.id === contents.id);

/** Opens (or brings forward) the call's dedicated window. */
async function openCallWindow(interviewId: string): Promise<boolean> {
  const open = videoWindows.get(interviewId);
  if (open && !open.isDestroyed()) {
    if (open.isMinimized()) open.restore();
    open.focus();
    return true;
  }
  const created = createVideoWindow({ preload, location, interviewId });
  videoWindows.set(interviewId, created);
  created.on('closed', () => {
    if (videoWindows.get(interviewId) === created) videoWindows.delete(interviewId);
  });
  return true;
}

const allWindows = (): BrowserWindow[] => [...(window ? [window] : []), ...videoWindows.values()];

function openWindow(): void {
  window = createMainWindow({ preload, location });
  // The renderer shows unread chat messages as "(N) FairDesk"; the dock/launcher badge follows.
  followTitleWithBadge(window, app);
  window.on('closed', () => {
    window = null;
  });
}

async function start(): Promise<void> {
  applySessionSecurity(session.defaultSession, location, isVideoWindow);
  const userData = app.getPath('userData');
  core = await createCore({
    dataDir: userData,
    secretStore: createSafeStorageSecretStore(path.join(userData, 'session-token.bin'), safeStorage, logger),
    host: 'electron',
    appVersion: app.getVersion(),
    defaultServerUrl: process.env.FAIRDESK_SERVER_URL ?? `http://127.0.0.1:${DEFAULT_SERVER_PORT}`,
    logger,
    // A resume opens in the user's own PDF/Word viewer; openPath answers '' on success, else why not.
    openFile: async (filePath) => (await shell.openPath(filePath)) === '',
    openCallWindow,
  });
  core.attach(createIpcTransport(ipcMain, allWindows, location));
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Two processes on one cache would fight over it: the first instance takes over.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, location, shell, logger));
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!core) return;
    // Close the cache cleanly (WAL checkpoint) before the process exits.
    event.preventDefault();
    const closing = core;
    core = null;
    closing
      .close()
      .catch((error: unknown) => logger.error({ error: String(error) }, 'core did not close cleanly'))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.fatal({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 'FairDesk failed to start');
      app.exit(1);
    });
}
