import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import { DEFAULT_SERVER_PORT } from '../../shared/api/http';
import type { TransactionRunner } from '../db/transactions';
import type { Logger } from '../logger';
import { MailDispatcher } from './dispatcher';
import { mailLinks, type MailLinks } from './links';
import { MAIL_QUEUED_FLAG } from './outbox';
import { describeSmtp, smtpTransport, type MailTransport } from './transport';

/** What code that queues mails needs from the running server: where links point. */
export interface MailSettings {
  links: MailLinks;
}

// Per database, not per process: domain services reach it through their transaction's
// connection, and tests with several databases in one process keep theirs apart.
const settingsByDatabase = new WeakMap<DataSource, MailSettings>();

/** Links for mails queued through `db`; a database the server did not set up links to a local dev server. */
export function mailSettingsOf(db: DataSource): MailSettings {
  return settingsByDatabase.get(db) ?? { links: mailLinks(`http://127.0.0.1:${DEFAULT_SERVER_PORT}`) };
}

export interface MailConfig {
  smtpUrl: string | null;
  mailFrom: string;
  /** Base of links in mails (FAIRDESK_PUBLIC_URL, or the server's own URL). */
  publicUrl: string;
}

export interface RunningMail {
  dispatcher: MailDispatcher;
  stop(): Promise<void>;
}

/**
 * Starts e-mail for a server: registers the link base for `db`, starts the dispatcher (SMTP, or
 * holding mails when none is configured) and wakes it whenever a transaction that queued mail
 * commits, so a decision's mail leaves within moments rather than at the next poll.
 */
export function startMail(
  db: DataSource,
  tx: TransactionRunner,
  config: MailConfig,
  logger: Logger,
  transport: MailTransport | null = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : null,
): RunningMail {
  settingsByDatabase.set(db, { links: mailLinks(config.publicUrl) });
  const dispatcher = new MailDispatcher(tx, { transport, logger });
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit: (event) => {
      const data = event.queryRunner.data as Record<string, unknown> | undefined;
      if (!data?.[MAIL_QUEUED_FLAG]) return;
      delete data[MAIL_QUEUED_FLAG];
      // After the commit has returned to its caller, so the claim (queued behind it on SQLite) sees the rows.
      setImmediate(() => dispatcher.wake());
    },
    afterTransactionRollback: (event) => {
      const data = event.queryRunner.data as Record<string, unknown> | undefined;
      if (data) delete data[MAIL_QUEUED_FLAG];
    },
  };
  db.subscribers.push(subscriber);
  logger.info({ smtp: config.smtpUrl ? describeSmtp(config.smtpUrl) : null, publicUrl: config.publicUrl }, config.smtpUrl ? 'mail via SMTP' : 'no SMTP configured: mails are held in the outbox');
  dispatcher.start();
  return {
    dispatcher,
    stop: async () => {
      await dispatcher.stop();
      const at = db.subscribers.indexOf(subscriber);
      if (at >= 0) db.subscribers.splice(at, 1);
      settingsByDatabase.delete(db);
    },
  };
}
