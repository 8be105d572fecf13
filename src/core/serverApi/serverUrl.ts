import { RpcError } from '../rpc/handlerTable';

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Turns what a user types into the server's base URL: `host:port` gets `http://`, the trailing
 * slash goes, a path prefix (server behind a reverse proxy) is kept. Throws `bad_server_url`
 * with a message the login form can show as is.
 */
export function normalizeServerUrl(input: string): string {
  const typed = input.trim();
  const example = 'Use something like http://192.168.1.10:4400.';
  if (typed === '') throw new RpcError('bad_server_url', `Enter the server address. ${example}`);
  let url: URL;
  try {
    url = new URL(HAS_SCHEME.test(typed) ? typed : `http://${typed}`);
  } catch {
    throw new RpcError('bad_server_url', `"${typed}" is not a valid server address. ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RpcError('bad_server_url', `The server address must start with http:// or https://. ${example}`);
  }
  if (url.username || url.password) {
    throw new RpcError('bad_server_url', 'The server address must not contain a user name or password.');
  }
  if (url.search || url.hash) {
    throw new RpcError('bad_server_url', `The server address must not contain "?" or "#" parts. ${example}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
