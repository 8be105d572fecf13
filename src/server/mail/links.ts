/**
 * Links that mails carry, built from the configured public base URL (`FAIRDESK_PUBLIC_URL`, or
 * the server's own URL). The paths are the candidate portal's routes.
 */
export interface MailLinks {
  /** The portal's front page: upcoming and live fairs. */
  fairs(): string;
  /** One fair's public page. */
  fair(fairId: string): string;
  /** The portal's sign-in landing; the token rides in the fragment so it never reaches a request log. */
  candidateSignIn(token: string): string;
}

export function mailLinks(publicUrl: string): MailLinks {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    fairs: () => `${base}/`,
    fair: (fairId) => `${base}/fairs/${encodeURIComponent(fairId)}`,
    candidateSignIn: (token) => `${base}/sign-in#token=${encodeURIComponent(token)}`,
  };
}
