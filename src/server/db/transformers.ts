import type { ValueTransformer } from 'typeorm';

/**
 * Epoch-ms timestamps live in `bigint` columns. PostgreSQL's driver returns bigint as a string
 * (it may exceed 2^53); our values never do, so they come back as plain numbers on both databases.
 */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** A `bigint` counter (change versions, mutation ids) read back as a plain number on both databases. */
export const bigintNumber: ValueTransformer = epochMs;

/** A string array stored as JSON text (portable between SQLite and PostgreSQL). */
export const jsonStringArray: ValueTransformer = {
  to: (value: string[] | undefined) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value: string | null): string[] => {
    if (value === null || value === '') return [];
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  },
};

/**
 * A JSON document stored as text, checked on the way out: `parse` turns the stored value into the
 * typed one (and decides what a damaged or empty value reads as), so no unchecked shape leaves the row.
 */
export function jsonDocument<T>(parse: (value: unknown) => T): ValueTransformer {
  return {
    to: (value: T | undefined) => (value === undefined ? undefined : JSON.stringify(value)),
    from: (value: string | null): T => {
      if (value === null || value === '') return parse(undefined);
      try {
        return parse(JSON.parse(value));
      } catch {
        return parse(undefined);
      }
    },
  };
}
