import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { epochMsColumn, idColumn, text, uuidRef } from './columns';

/**
 * Uploaded files (stand images, resumes): one row per upload, pointing at content-addressed bytes
 * by sha256. Numbered 6 because 4 (snapshot paging) and 5 (mail) landed in the same round.
 */
export class Uploads1000000000006 implements MigrationInterface {
  name = 'Uploads1000000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'uploads',
        columns: [
          idColumn(),
          text('kind', 16),
          text('mime', 100),
          { name: 'size', type: 'integer' },
          text('sha256', 64),
          text('original_name', 255),
          { name: 'width', type: 'integer', isNullable: true },
          { name: 'height', type: 'integer', isNullable: true },
          uuidRef('employer_id', true),
          uuidRef('candidate_id', true),
          uuidRef('uploaded_by', true),
          epochMsColumn('created_at'),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['employer_id'], referencedTableName: 'employers', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['uploaded_by'], referencedTableName: 'users', referencedColumnNames: ['id'] }),
        ],
        indices: [
          new TableIndex({ name: 'idx_uploads_sha256', columnNames: ['sha256'] }),
          new TableIndex({ name: 'idx_uploads_employer', columnNames: ['employer_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('uploads');
  }
}
