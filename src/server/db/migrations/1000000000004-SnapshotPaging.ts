import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Keyset paging of initial snapshots: a page is "pre-applications of this centre (or employer)
 * with id > cursor, ORDER BY id LIMIT n". With an index on the tenant column alone the database
 * must fetch and sort the tenant's whole set for every page (≈150 ms per page at 100,000 rows on
 * SQLite, so a snapshot grew quadratically); (tenant, id) serves each page as one index range
 * read. The composite indexes also serve every lookup the single-column ones did, which they replace.
 */
export class SnapshotPaging1000000000004 implements MigrationInterface {
  name = 'SnapshotPaging1000000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('pre_applications', 'idx_pre_applications_centre');
    await q.dropIndex('pre_applications', 'idx_pre_applications_employer');
    await q.createIndex('pre_applications', new TableIndex({ name: 'idx_pre_applications_centre_id', columnNames: ['centre_id', 'id'] }));
    await q.createIndex('pre_applications', new TableIndex({ name: 'idx_pre_applications_employer_id', columnNames: ['employer_id', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('pre_applications', 'idx_pre_applications_employer_id');
    await q.dropIndex('pre_applications', 'idx_pre_applications_centre_id');
    await q.createIndex('pre_applications', new TableIndex({ name: 'idx_pre_applications_employer', columnNames: ['employer_id'] }));
    await q.createIndex('pre_applications', new TableIndex({ name: 'idx_pre_applications_centre', columnNames: ['centre_id'] }));
  }
}
