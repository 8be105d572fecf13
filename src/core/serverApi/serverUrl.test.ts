import { describe, expect, it } from 'vitest';
import { normalizeServerUrl } from './serverUrl';

describe('normalizeServerUrl', () => {
  it.each([
    ['127.0.0.1:4400', 'http://127.0.0.1:4400'],
    ['  localhost:4400/ ', 'http://localhost:4400'],
    ['http://fairs.example.kz', 'http://fairs.example.kz'],
    ['HTTPS://Fairs.Example.kz:443/', 'https://fairs.example.kz'],
    ['https://example.kz/fairdesk/', 'https://example.kz/fairdesk'],
    ['fairs.example.kz', 'http://fairs.example.kz'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeServerUrl(input)).toBe(expected);
  });

  it.each(['', '   ', 'ftp://example.kz', 'http://', 'http://user:pw@example.kz', 'http://x.kz/?a=1', 'exa mple'])(
    'refuses %j with bad_server_url',
    (input) => {
      expect(() => normalizeServerUrl(input)).toThrow(expect.objectContaining({ code: 'bad_server_url' }));
    },
  );
});
