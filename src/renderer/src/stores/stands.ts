import { defineStore } from 'pinia';
import type { IpcInput, LocalStand } from '../../../shared/contract/ipc';
import { api } from '../api';
import { upsertById } from '../lib/records';
import { useCachedList } from './cachedList';

/**
 * Stands from the local cache: an employer's own, a moderator's those shown by its centre's
 * participation infos. Changes are recorded locally at once (also offline) and queued.
 */
export const useStandsStore = defineStore('stands', () => {
  const list = useCachedList<LocalStand>(() => api['stands.list'](), ['stand']);

  function remember(record: LocalStand): LocalStand {
    list.items.value = upsertById(list.items.value, record);
    return record;
  }

  /** Create (no `id`) or edit. Throws `ApiCallError` (field issues under `fields.*`). */
  async function save(input: IpcInput<'stands.save'>): Promise<LocalStand> {
    return remember(await api['stands.save'](input));
  }

  async function duplicate(id: string): Promise<LocalStand> {
    return remember(await api['stands.duplicate']({ id }));
  }

  /** Refused (`ApiCallError`) while a sent or approved participation info shows the stand. */
  async function remove(id: string): Promise<void> {
    await api['stands.delete']({ id });
    list.items.value = list.items.value.filter((s) => s.id !== id);
  }

  const byId = (id: string | null | undefined): LocalStand | null => (id ? (list.items.value.find((s) => s.id === id) ?? null) : null);

  return { ...list, save, duplicate, remove, byId };
});
