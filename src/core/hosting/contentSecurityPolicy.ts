/**
 * The renderer's Content-Security-Policy, the same for both hosts (Electron sets it on every
 * response of the app's session; the browser host sends it with every file). Only our own
 * bundled code runs; inline styles are allowed because Vuetify sets them at run time.
 *
 * WebSockets to any host are allowed (`ws: wss:`): a video call's PeerJS signalling goes from
 * the renderer straight to the sync server the user signed in to, whose address is only known at
 * run time (and the built app's CSP is a static <meta> tag). Plain HTTP(S) stays 'self' only.
 *
 * @param extraConnectSrc sources the renderer may open connections to besides 'self'
 *   (the browser host's loopback WebSocket; Vite's dev server in development).
 */
/** The PeerJS signalling WebSocket of a video call (to the signed-in server; see above). */
export const PEER_SIGNALLING = 'ws: wss:';

export function contentSecurityPolicy(extraConnectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...extraConnectSrc, PEER_SIGNALLING].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
