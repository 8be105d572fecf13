import { describe, expect, it } from 'vitest';
import { parseIceServers } from './iceServers';

describe('parseIceServers (FAIRDESK_ICE_SERVERS)', () => {
  it.each([undefined, '', '   '])('is empty when unset or blank (%j): host candidates on a LAN', (raw) => {
    expect(parseIceServers(raw)).toEqual([]);
  });

  it('reads STUN and TURN servers, single URL or several', () => {
    const raw = JSON.stringify([
      { urls: 'stun:stun.example.org:3478' },
      { urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], username: 'fair', credential: 's3cret' },
    ]);
    expect(parseIceServers(raw)).toEqual([
      { urls: 'stun:stun.example.org:3478' },
      { urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], username: 'fair', credential: 's3cret' },
    ]);
  });

  it('accepts an empty array', () => {
    expect(parseIceServers('[]')).toEqual([]);
  });

  it.each([
    ['not JSON', '[{urls: stun:x}]', 'Invalid FAIRDESK_ICE_SERVERS: must be a JSON array'],
    ['an object instead of an array', '{"urls":"stun:stun.example.org"}', 'Invalid FAIRDESK_ICE_SERVERS: must be a JSON array of'],
    ['an entry without urls', '[{"username":"u"}]', 'Invalid FAIRDESK_ICE_SERVERS.0.urls:'],
    ['an empty url list', '[{"urls":[]}]', 'Invalid FAIRDESK_ICE_SERVERS.0.urls:'],
    ['a URL without a scheme', '[{"urls":"stun.example.org:3478"}]', 'Invalid FAIRDESK_ICE_SERVERS.0.urls: "stun.example.org:3478" is not a stun:'],
    [
      'a bad URL inside a list',
      '[{"urls":"stun:a.example"},{"urls":["stun:b.example","https://c.example"]}]',
      'Invalid FAIRDESK_ICE_SERVERS.1.urls.1: "https://c.example" is not a stun:',
    ],
    ['TURN without credentials', '[{"urls":"turn:turn.example.org:3478","username":"u"}]', 'Invalid FAIRDESK_ICE_SERVERS.0: a TURN server needs "username" and "credential"'],
    ['a non-string credential', '[{"urls":"stun:a.example","credential":42}]', 'Invalid FAIRDESK_ICE_SERVERS.0.credential:'],
  ])('refuses %s with a message naming the variable and the place', (_case, raw, message) => {
    expect(() => parseIceServers(raw)).toThrow(message);
  });
});
