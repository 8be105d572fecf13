import { defineStore } from 'pinia';
import type { IpcInput, LocalFair } from '../../../shared/contract/ipc';
import { api } from '../api';
import { upsertById } from '../lib/records';
import { useCachedList } from './cachedList';

/** Fairs in the user's scope, from the local cache, with each one's sync state; moderators create and edit them. */
export const useFairsStore = defineStore('fairs', () => {
  const list = useCachedList<LocalFair>(() => api['fairs.list'](), ['fair']);

  function remember(record: LocalFair): LocalFair {
    list.items.value = upsertById(list.items.value, record);
    return record;
  }

  /** Moderator: a new fair of the own centre (queued when offline). Throws `ApiCallError`. */
  async function create(input: IpcInput<'fairs.create'>): Promise<LocalFair> {
    return remember(await api['fairs.create'](input));
  }

  /** Moderator: changes some fields of a fair (queued when offline). Throws `ApiCallError`. */
  async function update(input: IpcInput<'fairs.update'>): Promise<LocalFair> {
    return remember(await api['fairs.update'](input));
  }

  return { ...list, create, update };
});
