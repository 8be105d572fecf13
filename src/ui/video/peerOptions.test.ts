import { describe, expect, it } from 'vitest';
import { peerOptionsFor } from './peerOptions';

const grant = {
  peer: { id: 'p'.repeat(22), token: 't'.repeat(32) },
  peerServer: { path: '/peerjs', key: 'fairdesk' },
  iceServers: [{ urls: 'stun:stun.example.kz:3478' }, { urls: ['turn:turn.example.kz:3478'], username: 'u', credential: 'c' }],
};

describe('PeerJS options from the grant and the server origin', () => {
  it('uses the default HTTPS port and secure sockets behind TLS', () => {
    expect(peerOptionsFor(grant, 'https://fairs.example.kz')).toEqual({
      host: 'fairs.example.kz',
      port: 443,
      path: '/peerjs',
      secure: true,
      key: 'fairdesk',
      token: 't'.repeat(32),
      config: { iceServers: grant.iceServers },
    });
  });

  it('keeps an explicit port and plain sockets on a LAN server', () => {
    const options = peerOptionsFor(grant, 'http://192.168.1.10:3000');
    expect(options).toMatchObject({ host: '192.168.1.10', port: 3000, secure: false, path: '/peerjs' });
  });

  it('keeps a path prefix of the server URL', () => {
    expect(peerOptionsFor({ ...grant, peerServer: { path: 'video/peer', key: 'k' } }, 'https://example.kz/fairdesk/').path).toBe('/fairdesk/video/peer');
  });
});
