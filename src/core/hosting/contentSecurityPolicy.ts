/**
 * The renderer's Content-Security-Policy, the same for both hosts (Electron sets it on every
 * response of the app's session; the browser host sends it with every file). Only our own
 * bundled code runs; inline styles are allowed because Vuetify sets them at run time.
 *
 * @param extraConnectSrc sources the renderer may open connections to besides 'self'
 *   (the browser host's loopback WebSocket; Vite's dev server in development).
 */
export function contentSecurityPolicy(extraConnectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...extraConnectSrc].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
