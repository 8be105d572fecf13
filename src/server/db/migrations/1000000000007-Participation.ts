import crypto from 'node:crypto';
import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { bool, changeVersion, epochMsColumn, idColumn, int, jsonText, lastClientId, text, uuidRef } from './columns';

/** Tables whose rows a sync mutation edits against a base version (see `lastClientId`). */
const BASE_VERSIONED_TABLES = ['fairs', 'stands', 'vacancies', 'participations'] as const;

const fk = (column: string, table: string): TableForeignKey =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'] });

/**
 * Participation (SPEC "Participation info", "Stand", "Vacancy"): employers' stands, vacancies
 * (library and per participation) and one participation info per approved pre-application.
 * Adds `last_client_id` to fairs too (the baseVersion rule of `updateFair`), and back-fills a draft
 * participation info for every pre-application already approved for a fair — at a NEW change
 * version, so clients whose cookie is at the current version still pull them.
 */
export class Participation1000000000007 implements MigrationInterface {
  name = 'Participation1000000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stands',
        columns: [
          idColumn(),
          uuidRef('employer_id'),
          uuidRef('company_id'),
          text('internal_name', 120),
          text('company_name', 300),
          text('address', 300),
          text('website'),
          text('company_info'),
          text('activity', 120),
          text('advantages'),
          text('slogan', 200),
          jsonText('social_links'),
          uuidRef('logo_upload_id', true),
          jsonText('banner_upload_ids'),
          jsonText('poster_upload_ids'),
          jsonText('brochure_upload_ids'),
          text('video_url'),
          epochMsColumn('created_at'),
          epochMsColumn('updated_at'),
          changeVersion(),
        ],
        foreignKeys: [fk('employer_id', 'employers'), fk('company_id', 'companies')],
        indices: [
          new TableIndex({ name: 'idx_stands_employer_id', columnNames: ['employer_id', 'id'] }),
          new TableIndex({ name: 'idx_stands_version', columnNames: ['version'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'participations',
        columns: [
          idColumn(),
          { ...uuidRef('pre_application_id'), isUnique: true },
          text('number', 32),
          uuidRef('employer_id'),
          uuidRef('company_id'),
          text('company_name', 300),
          uuidRef('centre_id'),
          uuidRef('fair_id'),
          text('fair_title', 300),
          uuidRef('stand_id', true),
          jsonText('interview_plan'),
          text('status', 20),
          text('rejection_reason', undefined, true),
          uuidRef('decided_by', true),
          text('decided_by_name', 200, true),
          epochMsColumn('decided_at', true),
          epochMsColumn('sent_at', true),
          epochMsColumn('created_at'),
          epochMsColumn('updated_at'),
          epochMsColumn('status_changed_at'),
          changeVersion(),
        ],
        foreignKeys: [
          fk('pre_application_id', 'pre_applications'),
          fk('employer_id', 'employers'),
          fk('company_id', 'companies'),
          fk('centre_id', 'career_centres'),
          fk('fair_id', 'fairs'),
          fk('stand_id', 'stands'),
          fk('decided_by', 'users'),
        ],
        indices: [
          new TableIndex({ name: 'idx_participations_centre_id', columnNames: ['centre_id', 'id'] }),
          new TableIndex({ name: 'idx_participations_employer_id', columnNames: ['employer_id', 'id'] }),
          new TableIndex({ name: 'idx_participations_fair', columnNames: ['fair_id'] }),
          new TableIndex({ name: 'idx_participations_stand', columnNames: ['stand_id'] }),
          new TableIndex({ name: 'idx_participations_version', columnNames: ['version'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'vacancies',
        columns: [
          idColumn(),
          uuidRef('employer_id'),
          uuidRef('company_id'),
          uuidRef('participation_id', true),
          text('title', 200),
          text('profession', 120),
          int('salary_from'),
          int('salary_to'),
          text('currency', 3),
          int('places'),
          text('location', 200),
          text('description'),
          text('requirements'),
          text('employment_type', 20),
          bool('active'),
          epochMsColumn('created_at'),
          epochMsColumn('updated_at'),
          changeVersion(),
        ],
        foreignKeys: [fk('employer_id', 'employers'), fk('company_id', 'companies'), fk('participation_id', 'participations')],
        indices: [
          new TableIndex({ name: 'idx_vacancies_employer_id', columnNames: ['employer_id', 'id'] }),
          new TableIndex({ name: 'idx_vacancies_participation', columnNames: ['participation_id'] }),
          new TableIndex({ name: 'idx_vacancies_version', columnNames: ['version'] }),
        ],
      }),
    );
    for (const table of BASE_VERSIONED_TABLES) await q.addColumn(table, new TableColumn(lastClientId()));
    await backFillDrafts(q);
  }

  async down(q: QueryRunner): Promise<void> {
    // The other tables' `last_client_id` goes with the tables.
    await q.dropColumn('fairs', 'last_client_id');
    await q.dropTable('vacancies');
    await q.dropTable('participations');
    await q.dropTable('stands');
  }
}

interface ApprovedRow {
  id: string;
  number: string;
  employer_id: string;
  company_id: string;
  company_name: string;
  centre_id: string;
  fair_id: string;
  fair_title: string | null;
  title: string;
  decided_at: string | number | null;
  status_changed_at: string | number;
}

/** One draft participation info per approved pre-application with a fair, stamped like a fresh server write. */
async function backFillDrafts(q: QueryRunner): Promise<void> {
  const approved: ApprovedRow[] = await q.query(
    `SELECT pa.id, pa.number, pa.employer_id, pa.company_id, pa.company_name, pa.centre_id, pa.fair_id, pa.fair_title, f.title,
            pa.decided_at, pa.status_changed_at
       FROM pre_applications pa JOIN fairs f ON f.id = pa.fair_id
      WHERE pa.status = 'approved'
      ORDER BY pa.id`,
  );
  if (approved.length === 0) return;
  await q.query('UPDATE server_meta SET version = version + 1 WHERE id = 1');
  const [meta] = (await q.query('SELECT version FROM server_meta WHERE id = 1')) as Array<{ version: string | number }>;
  const version = Number(meta?.version ?? 0);
  const param = (i: number): string => (q.connection.options.type === 'postgres' ? `$${i}` : '?');
  const columns = [
    'id', 'pre_application_id', 'number', 'employer_id', 'company_id', 'company_name', 'centre_id', 'fair_id', 'fair_title',
    'stand_id', 'interview_plan', 'status', 'created_at', 'updated_at', 'status_changed_at', 'version',
  ];
  for (const row of approved) {
    // When the pre-application was approved is when its draft came into being.
    const at = Number(row.decided_at ?? row.status_changed_at);
    await q.query(
      `INSERT INTO participations (${columns.join(', ')}) VALUES (${columns.map((_, i) => param(i + 1)).join(', ')})`,
      [
        crypto.randomUUID(), row.id, row.number, row.employer_id, row.company_id, row.company_name, row.centre_id, row.fair_id,
        row.fair_title ?? row.title, null, '[]', 'draft', at, at, at, version,
      ],
    );
  }
}
