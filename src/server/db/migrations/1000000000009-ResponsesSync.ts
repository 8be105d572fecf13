import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/** Candidate contact columns copied into responses and interests (what the candidate applied with). */
const contactColumns = (): TableColumn[] => [
  new TableColumn({ name: 'candidate_name', type: 'varchar', length: '200', default: "''" }),
  new TableColumn({ name: 'candidate_email', type: 'varchar', length: '254', default: "''" }),
  new TableColumn({ name: 'candidate_phone', type: 'varchar', length: '40', default: "''" }),
];

/**
 * Responses and interests reach the employer's desktop (issue 4, slice 2): the candidate's name,
 * e-mail and phone are COPIED into each response and interest row when the candidate responds
 * (the employer keeps what the candidate applied with, and pulls need no join to `candidates`),
 * and a response keeps its resume's file name. Interests get a version index for incremental pulls.
 *
 * Back-fill: existing rows get the copies from `candidates` / `uploads` and are stamped with a NEW
 * change version, so desktops whose cookie is already at the current version still pull them
 * (responses and interests were not part of any pull before).
 */
export class ResponsesSync1000000000009 implements MigrationInterface {
  name = 'ResponsesSync1000000000009';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('vacancy_responses', [
      ...contactColumns(),
      new TableColumn({ name: 'resume_file_name', type: 'varchar', length: '255', default: "''" }),
    ]);
    await q.addColumns('employer_interests', contactColumns());
    await q.createIndex('employer_interests', new TableIndex({ name: 'idx_employer_interests_version', columnNames: ['version'] }));
    await backFill(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('employer_interests', 'idx_employer_interests_version');
    await q.dropColumns('employer_interests', ['candidate_name', 'candidate_email', 'candidate_phone']);
    await q.dropColumns('vacancy_responses', ['candidate_name', 'candidate_email', 'candidate_phone', 'resume_file_name']);
  }
}

async function backFill(q: QueryRunner): Promise<void> {
  const count = async (table: string): Promise<number> => {
    const [row] = (await q.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: string | number }>;
    return Number(row?.n ?? 0);
  };
  if ((await count('vacancy_responses')) + (await count('employer_interests')) === 0) return;
  await q.query('UPDATE server_meta SET version = version + 1 WHERE id = 1');
  const [meta] = (await q.query('SELECT version FROM server_meta WHERE id = 1')) as Array<{ version: string | number }>;
  const version = Number(meta?.version ?? 0);
  const contact = (table: string): string =>
    `candidate_name = COALESCE((SELECT c.name FROM candidates c WHERE c.id = ${table}.candidate_id), ''),
     candidate_email = COALESCE((SELECT c.email FROM candidates c WHERE c.id = ${table}.candidate_id), ''),
     candidate_phone = COALESCE((SELECT c.phone FROM candidates c WHERE c.id = ${table}.candidate_id), '')`;
  await q.query(
    `UPDATE vacancy_responses SET ${contact('vacancy_responses')},
       resume_file_name = COALESCE((SELECT u.original_name FROM uploads u WHERE u.id = vacancy_responses.resume_upload_id), ''),
       version = ${version}`,
  );
  await q.query(`UPDATE employer_interests SET ${contact('employer_interests')}, version = ${version}`);
}
