import { defineStore } from 'pinia';
import type { IpcInput, LocalPreApplication } from '../../../shared/contract/ipc';
import { api } from '../api';
import { upsertById } from '../lib/records';
import { useCachedList } from './cachedList';

/**
 * Every pre-application in the user's scope (a moderator's region, an employer's own), read from
 * the local cache, with each one's sync state. Filtering and search happen on the page, so status
 * counts stay exact and typing in the search box never waits on the core.
 *
 * Changes go through the core, which records them locally at once (also offline) and queues them
 * for the server; the returned record — with its new status and `sync.state: 'pending'` — replaces
 * the cached one immediately, before the core's `cache.changed` reload arrives.
 */
export const usePreApplicationsStore = defineStore('preApplications', () => {
  const list = useCachedList<LocalPreApplication>(() => api['preApplications.list']({}), ['preApplication']);

  function remember(record: LocalPreApplication): LocalPreApplication {
    list.items.value = upsertById(list.items.value, record);
    return record;
  }

  /** Moderator: approve (way 1 names the fair) or reject with a reason. Throws `ApiCallError`. */
  async function decide(input: IpcInput<'preApplications.decide'>): Promise<LocalPreApplication> {
    return remember(await api['preApplications.decide'](input));
  }

  /** Employer: withdraw an application under review. Throws `ApiCallError`. */
  async function withdraw(id: string): Promise<LocalPreApplication> {
    return remember(await api['preApplications.withdraw']({ id }));
  }

  /** Employer: a new application; its number arrives once the server has it. Throws `ApiCallError`. */
  async function create(input: IpcInput<'preApplications.create'>): Promise<LocalPreApplication> {
    return remember(await api['preApplications.create'](input));
  }

  return { ...list, decide, withdraw, create };
});
