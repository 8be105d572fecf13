import nodemailer from 'nodemailer';

/** One message as the dispatcher hands it to a transport. */
export interface OutgoingMail {
  id: string;
  to: { address: string; name: string | null };
  subject: string;
  text: string;
  html: string;
}

/** Where mails go. `send` throws `MailSendError` (or anything) when the mail was not accepted. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A refused mail; `permanent` when retrying cannot help (the SMTP server answered 5xx). */
export class MailSendError extends Error {
  override name = 'MailSendError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * SMTP through nodemailer from a `smtp://user:pass@host:587` (STARTTLS when the server offers it)
 * or `smtps://…:465` URL. Timeouts are short so one dead server never holds a claim for long.
 */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(
    { url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 },
    { from },
  );
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'fairdesk.local';
  return {
    async send(mail) {
      try {
        await transporter.sendMail({
          to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          // Stable per mail: a re-send after a crash mid-delivery is recognisable as the same message.
          messageId: `<${mail.id}@${domain}>`,
          headers: { 'Auto-Submitted': 'auto-generated', 'X-FairDesk-Mail-Id': mail.id },
        });
      } catch (err) {
        const e = err as { message?: string; responseCode?: number };
        const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
        throw new MailSendError(redact(e.message ?? String(err)), code !== undefined && code >= 500 && code < 600);
      }
    },
    close: () => transporter.close(),
  };
}

/** Error texts are shown to staff: never let a URL's password through. */
export function redact(message: string): string {
  return message.replace(/(smtps?:\/\/[^:@/\s]*:)[^@\s]*@/gi, '$1***@').slice(0, 1000);
}

/** The SMTP URL for logs, password hidden. */
export function describeSmtp(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'smtp (unparseable URL)';
  }
}
