import { z } from 'zod';
import { IceServer } from '../../shared/domain/video/records';

/** The environment variable that lists the STUN/TURN servers every join grant hands out. */
export const ICE_SERVERS_VARIABLE = 'FAIRDESK_ICE_SERVERS';

const ICE_URL = /^(stuns?|turns?):/;
const TURN_URL = /^turns?:/;

/**
 * One configured ICE server: the shared `IceServer` contract, plus what a browser's
 * `RTCPeerConnection` would otherwise reject only at call time — a URL without a `stun:`/`turn:`
 * scheme, or a TURN server without `username` and `credential`.
 */
const ConfiguredIceServer = IceServer.superRefine((server, ctx) => {
  const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
  urls.forEach((url, index) => {
    if (!ICE_URL.test(url)) {
      ctx.addIssue({
        code: 'custom',
        path: typeof server.urls === 'string' ? ['urls'] : ['urls', index],
        message: `"${url}" is not a stun:, stuns:, turn: or turns: URL`,
      });
    }
  });
  if (urls.some((url) => TURN_URL.test(url)) && (server.username === undefined || server.credential === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'a TURN server needs "username" and "credential"' });
  }
});

/**
 * `FAIRDESK_ICE_SERVERS` as it appears in the environment: a JSON array of ICE servers, e.g.
 * `[{"urls":"stun:stun.example.org:3478"},{"urls":["turn:turn.example.org:3478"],"username":"u","credential":"p"}]`.
 * Unset or empty: `[]` — host candidates are enough on a LAN.
 */
export const IceServersJson = z
  .string()
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array, e.g. [{"urls":"stun:stun.example.org:3478"}]' });
      return z.NEVER;
    }
  })
  .pipe(z.array(ConfiguredIceServer, { error: 'must be a JSON array of {"urls", "username"?, "credential"?} objects' }));

/**
 * Parses `FAIRDESK_ICE_SERVERS`; unset or blank gives `[]`.
 * @throws Error whose message names the variable and the first problem (not JSON, not an array,
 * a bad entry and where it is), fit for a one-line start-up failure.
 */
export function parseIceServers(raw: string | undefined): IceServer[] {
  if (raw === undefined || raw.trim() === '') return [];
  const parsed = IceServersJson.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = [ICE_SERVERS_VARIABLE, ...(issue?.path ?? [])].join('.');
  throw new Error(`Invalid ${where}: ${issue?.message ?? 'invalid value'}`);
}
