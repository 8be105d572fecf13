import type { MailOutboxItemDto, MailOutboxQuery, MailOutboxResponse } from '../../shared/api/mailOutbox';
import { MailOutbox } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';

/** A centre's e-mail outbox for its staff: newest first, one page at a time. */
export class MailOutboxReader {
  constructor(private readonly tx: TransactionRunner) {}

  async list(centreId: string, query: MailOutboxQuery): Promise<MailOutboxResponse> {
    const where = { centreId, ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await this.tx.read((manager) =>
      manager.findAndCount(MailOutbox, {
        where,
        order: { createdAt: 'DESC', id: 'DESC' },
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
    );
    return { items: rows.map(toDto), page: query.page, pageSize: query.pageSize, total };
  }
}

function toDto(row: MailOutbox): MailOutboxItemDto {
  return {
    id: row.id,
    template: row.template,
    locale: row.locale,
    toAddress: row.toAddress,
    toName: row.toName,
    subject: row.subject,
    textBody: row.textBody,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    employerId: row.employerId,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}
