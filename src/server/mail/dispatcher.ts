import type { EntityManager } from 'typeorm';
import { In, LessThanOrEqual } from 'typeorm';
import { MailOutbox } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import type { Logger } from '../logger';
import { afterFailure } from './backoff';
import { MailSendError, type MailTransport } from './transport';

export interface MailDispatcherOptions {
  /** null: no SMTP configured — queued mails are marked `held` and stay in the outbox. */
  transport: MailTransport | null;
  logger: Logger;
  clock?: () => number;
  /** Longest sleep between looks at the table (other processes' mails, due retries). */
  pollMs?: number;
  /** Mails claimed per round. */
  batchSize?: number;
  /** How long a claimed mail is reserved for the claiming process before another may retry it. */
  leaseMs?: number;
}

/**
 * Sends the mail outbox. A round claims due `queued` rows — `FOR UPDATE SKIP LOCKED` on
 * PostgreSQL so several server processes never claim one row together; on SQLite (one process)
 * the claim runs in the server's serialised transaction queue — by counting the attempt and
 * pushing `next_attempt_at` to the end of a lease, commits, then sends outside any transaction
 * and records the outcome. A process that dies mid-send leaves the row to be retried when the
 * lease ends (at-least-once, with a stable Message-ID).
 */
export class MailDispatcher {
  private readonly clock: () => number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** Set by stop(): a round in progress leaves its remaining claimed mails to their lease. */
  private halted = false;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly options: MailDispatcherOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.pollMs = options.pollMs ?? 5_000;
    this.batchSize = options.batchSize ?? 10;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  /** Look at the table now (a mail was just queued). Coalesces: at most one round runs at a time. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
        return;
      }
      this.timer = setTimeout(() => this.wake(), this.pollMs);
      this.timer.unref();
    });
  }

  /** Stops polling and waits for the round in progress; the transport is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halted = true;
    clearTimeout(this.timer);
    await this.running;
    this.options.transport?.close();
  }

  /** Rounds until a round finds less than a full batch. */
  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.round()) >= this.batchSize);
    } catch (err) {
      // The database may be restarting; the next poll tries again.
      this.options.logger.warn({ err }, 'mail dispatch round failed');
    }
  }

  /** One round: hold (no SMTP) or claim, send and record. Returns how many rows it handled. */
  async round(): Promise<number> {
    const transport = this.options.transport;
    if (!transport) return this.holdQueued();
    const claimed = await this.claim();
    for (const mail of claimed) {
      if (this.halted) break;
      await this.deliver(transport, mail);
    }
    return claimed.length;
  }

  /** Claims up to one batch of due mails for this process (see the class comment). */
  async claim(): Promise<MailOutbox[]> {
    const now = this.clock();
    return this.tx.job(async (manager) => {
      const ids = await dueIds(manager, now, this.batchSize);
      if (ids.length === 0) return [];
      await manager
        .createQueryBuilder()
        .update(MailOutbox)
        .set({ attempts: () => 'attempts + 1', nextAttemptAt: now + this.leaseMs })
        .where({ id: In(ids) })
        .execute();
      return manager.find(MailOutbox, { where: { id: In(ids) }, order: { nextAttemptAt: 'ASC', id: 'ASC' } });
    });
  }

  private async deliver(transport: MailTransport, mail: MailOutbox): Promise<void> {
    const { logger } = this.options;
    try {
      await transport.send({
        id: mail.id,
        to: { address: mail.toAddress, name: mail.toName },
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const next = afterFailure(mail.attempts, this.clock(), err instanceof MailSendError && err.permanent);
      await this.tx.job((m) =>
        m.update(MailOutbox, { id: mail.id }, { ...next, lastError: message }),
      );
      logger.warn({ mailId: mail.id, attempts: mail.attempts, status: next.status, error: message }, 'mail not delivered');
      return;
    }
    await this.tx.job((m) => m.update(MailOutbox, { id: mail.id }, { status: 'sent', sentAt: this.clock(), lastError: null }));
    logger.info({ mailId: mail.id, template: mail.template }, 'mail sent');
  }

  /** Without SMTP, queued mails become `held`: kept for staff to read in the outbox. */
  private async holdQueued(): Promise<number> {
    const held = await this.tx.job(async (manager) => {
      const result = await manager.update(MailOutbox, { status: 'queued' }, { status: 'held' });
      return result.affected ?? 0;
    });
    if (held > 0) this.options.logger.info({ held }, 'no SMTP configured: mails held in the outbox');
    // Holding touches every queued row at once: never ask for another round.
    return 0;
  }
}

/** Ids of due queued mails, oldest due first; rows another process holds locked are skipped. */
async function dueIds(manager: EntityManager, now: number, limit: number): Promise<string[]> {
  const query = manager
    .createQueryBuilder(MailOutbox, 'm')
    .select('m.id', 'id')
    .where({ status: 'queued', nextAttemptAt: LessThanOrEqual(now) })
    .orderBy('m.next_attempt_at', 'ASC')
    .addOrderBy('m.id', 'ASC')
    .limit(limit);
  if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write').setOnLocked('skip_locked');
  const rows = await query.getRawMany<{ id: string }>();
  return rows.map((r) => r.id);
}
