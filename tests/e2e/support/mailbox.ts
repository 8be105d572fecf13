import type { ReceivedMail } from '../../integration/support/smtpSink';

/** Every envelope recipient the sink has seen, lower-cased and sorted (duplicates kept: one per mail). */
export function recipientsOf(mails: readonly ReceivedMail[]): string[] {
  return mails.flatMap((m) => m.rcptTo).sort();
}

/** The mails whose envelope goes to `address`. */
export function mailsTo(mails: readonly ReceivedMail[], address: string): ReceivedMail[] {
  const wanted = address.toLowerCase();
  return mails.filter((m) => m.rcptTo.includes(wanted));
}

/** The candidate sign-in link (`…/sign-in#token=…`) of a mail, from its text or its HTML part. */
export function signInLinkOf(mail: ReceivedMail): string {
  const pattern = /https?:\/\/[^\s"'<>]+\/sign-in#token=[^\s"'<>]+/;
  const found = pattern.exec(mail.text)?.[0] ?? pattern.exec(mail.html)?.[0];
  if (!found) throw new Error(`no sign-in link in the mail "${mail.subject}":\n${mail.text || mail.html}`);
  return found.replace(/&amp;/g, '&');
}
