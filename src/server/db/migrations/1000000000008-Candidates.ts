import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';
import { bool, epochMsColumn, idColumn, text, uuidRef } from './columns';

const fk = (column: string, table: string, onDelete?: 'CASCADE'): TableForeignKey =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], ...(onDelete ? { onDelete } : {}) });

/**
 * The candidate portal: candidates, their e-mailed sign-in links and portal sessions (both stored
 * only as keyed token hashes), responses to vacancies and "want to work for you" interests.
 * Responses keep no foreign key to `vacancies` on purpose: a vacancy may be deleted later and its
 * responses (with the copied title) must stay. `uploads.candidate_id` (migration 6) stays without
 * a foreign key: adding one to an existing SQLite table means rebuilding it.
 */
export class Candidates1000000000008 implements MigrationInterface {
  name = 'Candidates1000000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'candidates',
        columns: [
          idColumn(),
          { ...text('email', 254), isUnique: true },
          text('name', 200),
          text('phone', 40),
          text('locale', 8),
          epochMsColumn('created_at'),
          epochMsColumn('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'candidate_login_links',
        columns: [
          idColumn(),
          { ...text('token_hash', 64), isUnique: true },
          text('email', 254),
          text('locale', 8),
          text('return_to', 300, true),
          epochMsColumn('created_at'),
          epochMsColumn('expires_at'),
          epochMsColumn('used_at', true),
        ],
        indices: [new TableIndex({ name: 'idx_candidate_login_links_email', columnNames: ['email'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'candidate_sessions',
        columns: [
          idColumn(),
          { ...text('token_hash', 64), isUnique: true },
          uuidRef('candidate_id'),
          epochMsColumn('created_at'),
          epochMsColumn('expires_at'),
          epochMsColumn('revoked_at', true),
        ],
        foreignKeys: [fk('candidate_id', 'candidates', 'CASCADE')],
        indices: [new TableIndex({ name: 'idx_candidate_sessions_candidate', columnNames: ['candidate_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'vacancy_responses',
        columns: [
          idColumn(),
          uuidRef('candidate_id'),
          uuidRef('vacancy_id'),
          uuidRef('participation_id'),
          uuidRef('fair_id'),
          uuidRef('employer_id'),
          text('vacancy_title', 300),
          text('company_name', 300),
          uuidRef('resume_upload_id'),
          bool('wants_video_interview'),
          text('cover_note'),
          epochMsColumn('created_at'),
          { name: 'version', type: 'bigint', default: 0 },
        ],
        uniques: [new TableUnique({ name: 'uq_vacancy_responses_candidate_vacancy', columnNames: ['candidate_id', 'vacancy_id'] })],
        foreignKeys: [
          fk('candidate_id', 'candidates'),
          fk('participation_id', 'participations'),
          fk('fair_id', 'fairs'),
          fk('employer_id', 'employers'),
          fk('resume_upload_id', 'uploads'),
        ],
        indices: [
          new TableIndex({ name: 'idx_vacancy_responses_participation', columnNames: ['participation_id', 'created_at'] }),
          new TableIndex({ name: 'idx_vacancy_responses_vacancy', columnNames: ['vacancy_id'] }),
          new TableIndex({ name: 'idx_vacancy_responses_employer', columnNames: ['employer_id'] }),
          new TableIndex({ name: 'idx_vacancy_responses_version', columnNames: ['version'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'employer_interests',
        columns: [
          idColumn(),
          uuidRef('candidate_id'),
          uuidRef('participation_id'),
          uuidRef('fair_id'),
          uuidRef('employer_id'),
          epochMsColumn('created_at'),
          { name: 'version', type: 'bigint', default: 0 },
        ],
        uniques: [
          new TableUnique({ name: 'uq_employer_interests_candidate_participation', columnNames: ['candidate_id', 'participation_id'] }),
        ],
        foreignKeys: [
          fk('candidate_id', 'candidates'),
          fk('participation_id', 'participations'),
          fk('fair_id', 'fairs'),
          fk('employer_id', 'employers'),
        ],
        indices: [
          new TableIndex({ name: 'idx_employer_interests_participation', columnNames: ['participation_id'] }),
          new TableIndex({ name: 'idx_employer_interests_employer', columnNames: ['employer_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['employer_interests', 'vacancy_responses', 'candidate_sessions', 'candidate_login_links', 'candidates']) {
      await q.dropTable(table);
    }
  }
}
