import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { epochMsColumn, int, text, uuidRef } from './columns';

/** A row's change version: the global version of the transaction that last wrote it. */
const versionColumn = (): TableColumn => new TableColumn({ name: 'version', type: 'bigint', default: 0 });

/** Tables whose rows clients cache; each gets a `version` so pulls can ask "what changed since v". */
const VERSIONED_TABLES = ['career_centres', 'fairs', 'companies', 'pre_applications'] as const;

/**
 * The sync engine's storage: per-row change versions (existing rows take the current version, so
 * a client's first incremental pull after the upgrade does not re-fetch everything but a fresh
 * snapshot still sees them), tombstones for deleted rows, per-client mutation bookkeeping,
 * recorded rejections, a per-user scope epoch, and who/when of a pre-application's decision.
 */
export class SyncEngine1000000000003 implements MigrationInterface {
  name = 'SyncEngine1000000000003';

  async up(q: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) {
      await q.addColumn(table, versionColumn());
      await q.query(`UPDATE ${table} SET version = (SELECT version FROM server_meta WHERE id = 1)`);
      await q.createIndex(table, new TableIndex({ name: `idx_${table}_version`, columnNames: ['version'] }));
    }
    await q.addColumns('pre_applications', [
      new TableColumn(epochMsColumn('decided_at', true)),
      new TableColumn(text('decided_by_name', 200, true)),
    ]);
    await q.addColumn('users', new TableColumn({ ...int('scope_epoch'), default: 0 }));

    await q.createTable(
      new Table({
        name: 'deleted_rows',
        columns: [
          // `fair`, `company`, … — the entity names of the sync patch.
          { ...text('entity', 32), isPrimary: true },
          { ...uuidRef('id'), isPrimary: true },
          { name: 'version', type: 'bigint' },
          // Scope of the deleted row, so a pull sends the delete only to clients that could have it.
          uuidRef('centre_id', true),
          uuidRef('employer_id', true),
        ],
        indices: [new TableIndex({ name: 'idx_deleted_rows_version', columnNames: ['version'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sync_clients',
        columns: [
          { ...uuidRef('client_id'), isPrimary: true },
          uuidRef('user_id'),
          { name: 'last_mutation_id', type: 'bigint', default: 0 },
          epochMsColumn('created_at'),
          epochMsColumn('updated_at'),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'idx_sync_clients_user', columnNames: ['user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mutation_results',
        columns: [
          { ...uuidRef('client_id'), isPrimary: true },
          { name: 'mutation_id', type: 'bigint', isPrimary: true },
          text('code', 32),
          text('message'),
          text('record_id', 36, true),
          epochMsColumn('decided_at'),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['client_id'],
            referencedTableName: 'sync_clients',
            referencedColumnNames: ['client_id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('mutation_results');
    await q.dropTable('sync_clients');
    await q.dropTable('deleted_rows');
    await q.dropColumn('users', 'scope_epoch');
    await q.dropColumn('pre_applications', 'decided_by_name');
    await q.dropColumn('pre_applications', 'decided_at');
    for (const table of VERSIONED_TABLES) {
      await q.dropIndex(table, `idx_${table}_version`);
      await q.dropColumn(table, 'version');
    }
  }
}
