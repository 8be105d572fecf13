import type { TableColumnOptions } from 'typeorm';

/**
 * Column shapes shared by migrations so SQLite and PostgreSQL get identical, portable types.
 * Frozen: a migration that already shipped must keep producing the same schema, so change a
 * shape only by adding a new helper, never by editing one of these.
 */
export const idColumn = (name = 'id'): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary: true,
});

export const uuidRef = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});

export const text = (name: string, length?: number, nullable = false): TableColumnOptions =>
  length === undefined
    ? { name, type: 'text', isNullable: nullable }
    : { name, type: 'varchar', length: String(length), isNullable: nullable };

/** Epoch milliseconds. */
export const epochMsColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'bigint',
  isNullable: nullable,
});

export const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });

export const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });

/** `YYYY-MM-DD` calendar date, kept as text so it never shifts with a server's time zone. */
export const isoDate = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '10',
  isNullable: nullable,
});

/** A row's change version (bigint, 0 until written by a transaction); what pulls ask "above v" of. */
export const changeVersion = (name = 'version'): TableColumnOptions => ({ name, type: 'bigint', default: 0 });

/**
 * The sync client whose mutation last wrote the row (null for server-side writes), for the
 * baseVersion rule: a client's own earlier edits of a record never conflict with its later ones.
 */
export const lastClientId = (name = 'last_client_id'): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: true,
});

/** A JSON document kept as text (portable between SQLite and PostgreSQL). */
export const jsonText = (name: string): TableColumnOptions => ({ name, type: 'text' });

/** A non-negative integer counter that starts at 0 (sequence numbers, read pointers, unread counts). */
export const counter = (name: string): TableColumnOptions => ({ name, type: 'integer', default: 0 });

/** An integer that may be absent. */
export const optionalInt = (name: string): TableColumnOptions => ({ name, type: 'integer', isNullable: true });
