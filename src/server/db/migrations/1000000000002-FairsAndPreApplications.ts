import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { bool, epochMsColumn, idColumn, int, isoDate, text, uuidRef } from './columns';

/** Fairs of a career centre and employers' pre-applications to them. */
export class FairsAndPreApplications1000000000002 implements MigrationInterface {
  name = 'FairsAndPreApplications1000000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'fairs',
        columns: [
          idColumn(),
          uuidRef('centre_id'),
          text('title', 300),
          text('region', 200),
          text('city', 200),
          isoDate('starts_on'),
          isoDate('ends_on'),
          text('description'),
          epochMsColumn('created_at'),
          epochMsColumn('updated_at'),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['centre_id'],
            referencedTableName: 'career_centres',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({ name: 'idx_fairs_centre', columnNames: ['centre_id'] }),
          new TableIndex({ name: 'idx_fairs_ends_on', columnNames: ['ends_on'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pre_applications',
        columns: [
          idColumn(),
          { ...text('number', 32), isUnique: true },
          uuidRef('employer_id'),
          uuidRef('company_id'),
          text('company_name', 300),
          uuidRef('centre_id'),
          int('way'),
          uuidRef('fair_id', true),
          text('fair_title', 300, true),
          text('region', 200),
          isoDate('desired_from', true),
          isoDate('desired_to', true),
          text('company_info'),
          int('vacant_places'),
          text('professions'),
          text('contact_name', 200),
          text('contact_phone', 50),
          text('contact_email', 254),
          bool('consent_salary_shown'),
          bool('consent_chat_during_fair'),
          bool('wants_video_interviews'),
          text('status', 20),
          text('rejection_reason', undefined, true),
          uuidRef('decided_by', true),
          epochMsColumn('created_at'),
          epochMsColumn('updated_at'),
          epochMsColumn('status_changed_at'),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['employer_id'], referencedTableName: 'employers', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['company_id'], referencedTableName: 'companies', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['centre_id'], referencedTableName: 'career_centres', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['fair_id'], referencedTableName: 'fairs', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['decided_by'], referencedTableName: 'users', referencedColumnNames: ['id'] }),
        ],
        indices: [
          new TableIndex({ name: 'idx_pre_applications_centre', columnNames: ['centre_id'] }),
          new TableIndex({ name: 'idx_pre_applications_employer', columnNames: ['employer_id'] }),
          new TableIndex({ name: 'idx_pre_applications_fair', columnNames: ['fair_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('pre_applications');
    await q.dropTable('fairs');
  }
}
