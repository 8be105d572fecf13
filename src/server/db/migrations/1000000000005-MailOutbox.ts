import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { epochMsColumn, idColumn, int, text, uuidRef } from './columns';

/**
 * The e-mail outbox: rendered mails and their delivery state, the job table the mail dispatcher
 * claims from (`FOR UPDATE SKIP LOCKED` on PostgreSQL). `dedupe_key` is unique but nullable, so
 * a mail that must go out once (a decision) cannot be queued twice while others need no key.
 */
export class MailOutbox1000000000005 implements MigrationInterface {
  name = 'MailOutbox1000000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'mail_outbox',
        columns: [
          idColumn(),
          text('template', 40),
          text('locale', 8),
          text('to_address', 254),
          text('to_name', 200, true),
          text('subject', 300),
          text('text_body'),
          text('html_body'),
          text('status', 10),
          { ...int('attempts'), default: 0 },
          epochMsColumn('next_attempt_at'),
          text('last_error', undefined, true),
          uuidRef('centre_id', true),
          uuidRef('employer_id', true),
          epochMsColumn('created_at'),
          epochMsColumn('sent_at', true),
          { ...text('dedupe_key', 300, true), isUnique: true },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['centre_id'], referencedTableName: 'career_centres', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['employer_id'], referencedTableName: 'employers', referencedColumnNames: ['id'] }),
        ],
        indices: [
          new TableIndex({ name: 'idx_mail_outbox_due', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ name: 'idx_mail_outbox_centre', columnNames: ['centre_id', 'created_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('mail_outbox');
  }
}
