import { ServerError } from '../errors';

/** A uuid in any letter case (ids in paths are compared in lower case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a uuid cannot exist: 404 `There is no such <what>.` rather than a database error. */
export function idParam(value: string | undefined, what: string): string {
  if (value === undefined || !UUID.test(value)) throw new ServerError('not_found', 404, `There is no such ${what}.`);
  return value.toLowerCase();
}
