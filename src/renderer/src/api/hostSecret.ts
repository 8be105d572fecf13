/** Where the browser host's per-run secret is kept for this tab (survives reloads, not new tabs). */
export const HOST_SECRET_KEY = 'fairdesk.hostSecret';

export interface SecretEnvironment {
  location: { search: string; pathname: string; hash: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  /** `sessionStorage`, or null where storage is unavailable. */
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null;
}

/**
 * Takes the browser host's secret from `?k=` on first load, keeps it in session storage, and
 * strips it from the address bar so it does not linger in history or screenshots. Later loads of
 * the same tab read it back from storage. Returns null when there is none.
 */
export function takeHostSecret(env: SecretEnvironment): string | null {
  const params = new URLSearchParams(env.location.search);
  const fromQuery = params.get('k');
  if (fromQuery) {
    try {
      env.storage?.setItem(HOST_SECRET_KEY, fromQuery);
    } catch {
      // Storage can be disabled; the secret still works for this page load.
    }
    params.delete('k');
    const rest = params.toString();
    env.history.replaceState(null, '', `${env.location.pathname}${rest ? `?${rest}` : ''}${env.location.hash}`);
    return fromQuery;
  }
  try {
    return env.storage?.getItem(HOST_SECRET_KEY) ?? null;
  } catch {
    return null;
  }
}
