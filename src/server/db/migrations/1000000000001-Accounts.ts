import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { bool, epochMsColumn, idColumn, int, text, uuidRef } from './columns';

/** Tenants (career centres, employers and their companies), accounts, sessions and the change version. */
export class Accounts1000000000001 implements MigrationInterface {
  name = 'Accounts1000000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'career_centres',
        columns: [
          idColumn(),
          text('name', 200),
          text('region', 200),
          text('time_zone', 64),
          text('holidays'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'employers',
        columns: [idColumn(), text('name', 200), epochMsColumn('created_at')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'companies',
        columns: [
          idColumn(),
          uuidRef('employer_id'),
          text('legal_name', 300),
          text('bin', 12),
          text('address', 500),
          text('website', 500),
          text('info'),
          epochMsColumn('verified_at', true),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['employer_id'],
            referencedTableName: 'employers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'idx_companies_employer', columnNames: ['employer_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          idColumn(),
          { ...text('email', 254), isUnique: true },
          text('password_hash', 255),
          text('display_name', 200),
          text('role', 32),
          uuidRef('centre_id', true),
          uuidRef('employer_id', true),
          bool('active'),
          text('locale', 8),
          epochMsColumn('created_at'),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['centre_id'],
            referencedTableName: 'career_centres',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            columnNames: ['employer_id'],
            referencedTableName: 'employers',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({ name: 'idx_users_centre', columnNames: ['centre_id'] }),
          new TableIndex({ name: 'idx_users_employer', columnNames: ['employer_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          idColumn(),
          { ...text('token_hash', 64), isUnique: true },
          uuidRef('user_id'),
          text('client_name', 200),
          epochMsColumn('created_at'),
          epochMsColumn('expires_at'),
          epochMsColumn('last_seen_at'),
          epochMsColumn('revoked_at', true),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'idx_sessions_user', columnNames: ['user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'server_meta',
        columns: [{ ...int('id'), isPrimary: true }, epochMsColumn('version')],
      }),
    );
    await q.query('INSERT INTO server_meta (id, version) VALUES (1, 0)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['server_meta', 'sessions', 'users', 'companies', 'employers', 'career_centres']) {
      await q.dropTable(table);
    }
  }
}
