import { defineStore } from 'pinia';
import type { IpcInput, LocalParticipation } from '../../../shared/contract/ipc';
import { api } from '../api';
import { upsertById } from '../lib/records';
import { useCachedList } from './cachedList';

/**
 * Participation infos from the local cache (an employer's own; a moderator's centre's), with each
 * one's sync state. Every action is recorded locally at once (also offline) and queued.
 */
export const useParticipationsStore = defineStore('participations', () => {
  const list = useCachedList<LocalParticipation>(() => api['participations.list']({}), ['participation']);

  function remember(record: LocalParticipation): LocalParticipation {
    list.items.value = upsertById(list.items.value, record);
    return record;
  }

  const byId = (id: string | null | undefined): LocalParticipation | null =>
    id ? (list.items.value.find((p) => p.id === id) ?? null) : null;

  /** Attach a stand and/or set the interview plan. Throws `ApiCallError`. */
  async function update(input: IpcInput<'participations.update'>): Promise<LocalParticipation> {
    return remember(await api['participations.update'](input));
  }
  const send = async (id: string) => remember(await api['participations.send']({ id }));
  const withdraw = async (id: string) => remember(await api['participations.withdraw']({ id }));
  const reopen = async (id: string) => remember(await api['participations.reopen']({ id }));
  /** Moderator: approve or reject with a reason (works offline). */
  async function decide(input: IpcInput<'participations.decide'>): Promise<LocalParticipation> {
    return remember(await api['participations.decide'](input));
  }

  return { ...list, byId, update, send, withdraw, reopen, decide };
});
