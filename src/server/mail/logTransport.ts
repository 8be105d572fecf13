import type { Logger } from '../logger';
import type { MailTransport } from './transport';

/**
 * A development transport: each mail is written to the server log (recipient, subject and the
 * plain-text body with its links) instead of being sent. Used only by `--dev` servers without SMTP,
 * where nobody could otherwise read a candidate's sign-in link.
 */
export function logMailTransport(logger: Logger): MailTransport {
  return {
    async send(mail) {
      logger.info({ mailId: mail.id, to: mail.to.address, subject: mail.subject, text: mail.text }, 'development mail (not sent: no SMTP configured)');
    },
    close() {},
  };
}
