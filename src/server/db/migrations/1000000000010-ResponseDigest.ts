import { type MigrationInterface, type QueryRunner, Table, TableForeignKey } from 'typeorm';
import { epochMsColumn, uuidRef } from './columns';

/**
 * Bookkeeping of the response digest mail: one row per employer holding the change version of the
 * last response its digest covered (the watermark) and when that digest was queued. The digest
 * job locks an employer's row, queues the mails for responses above the watermark and moves it in
 * the same transaction, so no response is ever listed twice — across restarts and processes.
 *
 * Back-fill: every employer starts at the newest version of its existing responses, so the first
 * digest after the upgrade lists only what arrives after it (never the whole history at once).
 */
export class ResponseDigest1000000000010 implements MigrationInterface {
  name = 'ResponseDigest1000000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'response_digests',
        columns: [
          { ...uuidRef('employer_id'), isPrimary: true },
          { name: 'last_version', type: 'bigint', default: 0 },
          epochMsColumn('last_digest_at', true),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['employer_id'], referencedTableName: 'employers', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
    await q.query(
      `INSERT INTO response_digests (employer_id, last_version, last_digest_at)
       SELECT e.id, COALESCE((SELECT MAX(r.version) FROM vacancy_responses r WHERE r.employer_id = e.id), 0), NULL FROM employers e`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('response_digests');
  }
}
