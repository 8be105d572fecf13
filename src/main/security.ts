import { fileURLToPath } from 'node:url';
import type { Session, Shell, WebContents } from 'electron';
import { contentSecurityPolicy } from '../core/hosting/contentSecurityPolicy';
import type { CoreLogger } from '../core/logger';

/** Where the renderer is loaded from: Vite's dev server in development, the built file otherwise. */
export type AppLocation = { kind: 'dev'; url: string } | { kind: 'file'; indexHtml: string };

/** Whether `url` is the app itself (the only page allowed to load in, and talk to, our window). */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return parsed.origin === new URL(location.url).origin;
  return parsed.protocol === 'file:' && fileURLToPath(parsed) === location.indexHtml;
}

/**
 * The permissions the app itself may have: desktop notifications (a candidate's chat message
 * while the window is in the background), and camera and microphone (`media`) for the dedicated
 * video window only — never for the main window, whatever route it shows. Everything else, and
 * anything asked by another page, is denied.
 * @param fromVideoWindow whether the asking WebContents is one of the video windows.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, location: AppLocation, fromVideoWindow = false): boolean {
  if (!isAppUrl(requestingUrl, location)) return false;
  if (permission === 'notifications') return true;
  return permission === 'media' && fromVideoWindow;
}

/**
 * Session-wide rules: the strict CSP on every HTTP(S) response (the dev server; Electron's
 * webRequest never sees file:// loads, so the built app relies on the same policy in the
 * renderer's index.html <meta> tag), and every permission request denied but the app's own
 * notifications and the video windows' camera and microphone ({@link isPermissionAllowed}).
 */
export function applySessionSecurity(
  session: Session,
  location: AppLocation,
  isVideoWindow: (contents: WebContents | null) => boolean = () => false,
): void {
  // Vite's dev server needs its HMR WebSocket; production needs nothing beyond 'self'.
  const extra = location.kind === 'dev' ? [new URL(location.url).origin.replace(/^http/, 'ws')] : [];
  const csp = contentSecurityPolicy(extra);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl, location, isVideoWindow(contents))),
  );
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? contents?.getURL() ?? '', location, isVideoWindow(contents)),
  );
}

/**
 * Applied to every WebContents the app creates: no navigation away from the app, no new windows
 * (https links open in the user's browser instead), no <webview>.
 */
export function hardenWebContents(contents: WebContents, location: AppLocation, shell: Shell, logger: CoreLogger): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, location)) return;
    event.preventDefault();
    logger.warn({ url }, 'blocked navigation away from the app');
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) {
      void shell.openExternal(url);
    } else {
      logger.warn({ url }, 'blocked window.open');
    }
    return { action: 'deny' };
  });
}
