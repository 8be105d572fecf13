import type { VideoJoinGrant } from '../../shared/domain/video/records';

/** What `new Peer(id, options)` needs for our PeerJS server (src/server/video/peerServer.ts). */
export interface PeerConnectOptions {
  host: string;
  port: number;
  path: string;
  secure: boolean;
  key: string;
  token: string;
  config: RTCConfiguration;
}

/**
 * The PeerJS client options for `grant` on the server at `serverOrigin` (e.g. `https://fairs.example.kz`
 * or `http://192.168.1.10:3000`; a path prefix in the origin is kept before the grant's path).
 */
export function peerOptionsFor(grant: Pick<VideoJoinGrant, 'peer' | 'peerServer' | 'iceServers'>, serverOrigin: string): PeerConnectOptions {
  const url = new URL(serverOrigin);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const prefix = url.pathname.replace(/\/+$/, '');
  const path = `${prefix}/${grant.peerServer.path.replace(/^\/+/, '')}`;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 443 : 80,
    path,
    secure,
    key: grant.peerServer.key,
    token: grant.peer.token,
    config: { iceServers: grant.iceServers.map((s) => ({ ...s })) },
  };
}
