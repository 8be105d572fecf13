import { BrowserWindow } from 'electron';
import type { AppLocation } from './security';

/**
 * The app window. The renderer gets no Node, runs sandboxed and isolated from the preload,
 * and sees only `window.api` (invoke/on).
 */
export function createMainWindow(options: { preload: string; location: AppLocation }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'FairDesk',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  if (options.location.kind === 'dev') void window.loadURL(options.location.url);
  else void window.loadFile(options.location.indexHtml);
  return window;
}
