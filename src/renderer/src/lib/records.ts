/**
 * Puts `record` into `list` in place of the row with its id, or in front when it is new. Returns a
 * new array (the store's list is replaced, never mutated, so computed views recompute).
 */
export function upsertById<T extends { id: string }>(list: readonly T[], record: T): T[] {
  const index = list.findIndex((item) => item.id === record.id);
  if (index < 0) return [record, ...list];
  const next = [...list];
  next[index] = record;
  return next;
}
