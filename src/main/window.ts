import { BrowserWindow } from 'electron';
import type { AppLocation } from './security';

/** What every FairDesk window runs with: our preload only, isolated and sandboxed, no Node anywhere, no webviews. */
function hardenedWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

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
    webPreferences: hardenedWebPreferences(options.preload),
  });
  window.once('ready-to-show', () => window.show());
  if (options.location.kind === 'dev') void window.loadURL(options.location.url);
  else void window.loadFile(options.location.indexHtml);
  return window;
}

/** The renderer's route of a call (hash history) as the video window shows it (`window=video`: leaving closes the window). */
export const callRoute = (interviewId: string): string => `/video-interviews/${encodeURIComponent(interviewId)}/call?window=video`;

/**
 * A video interview's dedicated window: hardened exactly like the app window (same preload, no
 * Node, sandboxed, isolated) and showing the renderer's call page. It is the only WebContents the
 * session grants camera and microphone to (security.ts).
 */
export function createVideoWindow(options: { preload: string; location: AppLocation; interviewId: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'FairDesk — video interview',
    autoHideMenuBar: true,
    webPreferences: hardenedWebPreferences(options.preload),
  });
  window.once('ready-to-show', () => window.show());
  const hash = callRoute(options.interviewId);
  if (options.location.kind === 'dev') void window.loadURL(`${options.location.url.replace(/#.*$/, '')}#${hash}`);
  else void window.loadFile(options.location.indexHtml, { hash });
  return window;
}
