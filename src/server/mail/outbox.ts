import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Locale } from '../../shared/domain/roles';
import { MailOutbox } from '../db/entities';
import { renderMail, type MailTemplateVars } from './templates';

/** One mail to queue: a template, its variables, one recipient and whose outbox it shows in. */
export interface MailRequest<N extends keyof MailTemplateVars = keyof MailTemplateVars> {
  template: N;
  vars: MailTemplateVars[N];
  locale: Locale;
  to: { address: string; name: string | null };
  centreId: string | null;
  employerId: string | null;
  /** Same key, same mail: queuing a key that exists already does nothing. */
  dedupeKey: string | null;
}

/** Marks the transaction so the dispatcher is woken once it commits (see `wakeDispatcherOnCommit`). */
export const MAIL_QUEUED_FLAG = 'fairdeskMailQueued';

/**
 * Renders and queues mails inside the caller's transaction: they exist only if it commits, and a
 * dedupe key already present is skipped (`INSERT … ON CONFLICT DO NOTHING` / `INSERT OR IGNORE`),
 * so a replay never queues a mail twice. Returns how many rows were new.
 */
export async function enqueueMails(manager: EntityManager, now: number, requests: MailRequest[]): Promise<number> {
  let added = 0;
  for (const request of requests) {
    const rendered = renderMail(request.template, request.locale, request.vars);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(MailOutbox)
      .values({
        id: crypto.randomUUID(),
        template: request.template,
        locale: request.locale,
        toAddress: request.to.address,
        toName: request.to.name,
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        centreId: request.centreId,
        employerId: request.employerId,
        createdAt: now,
        sentAt: null,
        dedupeKey: request.dedupeKey,
      })
      .orIgnore()
      .execute();
    added += await insertedRows(manager, result.raw);
  }
  if (added > 0 && manager.queryRunner) manager.queryRunner.data = { ...manager.queryRunner.data, [MAIL_QUEUED_FLAG]: true };
  return added;
}

/** Rows an `orIgnore` insert really wrote: PostgreSQL returns them (RETURNING), SQLite counts them in changes(). */
async function insertedRows(manager: EntityManager, raw: unknown): Promise<number> {
  // With a defaulted column TypeORM adds RETURNING, so PostgreSQL answers with the rows written (none on conflict).
  if (manager.connection.options.type === 'postgres') return Array.isArray(raw) ? raw.length : 1;
  const [row] = (await manager.query('SELECT changes() AS n')) as Array<{ n: number }>;
  return Number(row?.n ?? 0);
}
