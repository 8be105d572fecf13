import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { IpcInput, IpcOutput, LocalVacancy } from '../../../shared/contract/ipc';
import { api, onEvent } from '../api';
import { upsertById } from '../lib/records';
import { useSessionStore } from './session';
import { useSyncStore } from './sync';

/** Key of a vacancy list: a participation id, or `library` for the company vacancy library. */
export type VacancyListKey = string;
export const LIBRARY = 'library';

interface ListState {
  items: LocalVacancy[];
  loading: boolean;
  error: unknown;
}

/**
 * Vacancies from the local cache, per list: the company library and each participation info's own.
 * A list is read on first use and re-read when the core reports vacancy changes or a sync ends.
 */
export const useVacanciesStore = defineStore('vacancies', () => {
  const lists = ref<Record<VacancyListKey, ListState>>({});
  let generation = 0;

  const keyOf = (participationId: string | null): VacancyListKey => participationId ?? LIBRARY;

  function state(key: VacancyListKey): ListState {
    return lists.value[key] ?? { items: [], loading: true, error: null };
  }

  async function load(participationId: string | null): Promise<void> {
    const key = keyOf(participationId);
    const mine = generation;
    lists.value[key] ??= { items: [], loading: true, error: null };
    try {
      const items = await api['vacancies.list']({ participationId });
      if (mine !== generation) return;
      lists.value[key] = { items, loading: false, error: null };
    } catch (error) {
      if (mine !== generation) return;
      lists.value[key] = { ...state(key), loading: false, error };
    }
  }

  function reloadAll(): void {
    for (const key of Object.keys(lists.value)) void load(key === LIBRARY ? null : key);
  }

  const session = useSessionStore();
  watch(
    () => session.user?.id,
    () => {
      generation++;
      lists.value = {};
    },
  );
  onEvent('cache.changed', (change) => {
    if (change.entities.includes('vacancy')) reloadAll();
  });
  const sync = useSyncStore();
  watch(
    () => sync.status.lastSyncedAt,
    (now, before) => {
      if (now !== before) reloadAll();
    },
  );

  function remember(record: LocalVacancy): LocalVacancy {
    const key = keyOf(record.participationId);
    const current = state(key);
    lists.value[key] = { ...current, items: upsertById(current.items, record) };
    return record;
  }

  /** Create (no `id`) or edit. Throws `ApiCallError` (field issues under `fields.*`). */
  async function save(input: IpcInput<'vacancies.save'>): Promise<LocalVacancy> {
    return remember(await api['vacancies.save'](input));
  }

  async function remove(vacancy: LocalVacancy): Promise<void> {
    await api['vacancies.delete']({ id: vacancy.id });
    const key = keyOf(vacancy.participationId);
    const current = state(key);
    lists.value[key] = { ...current, items: current.items.filter((v) => v.id !== vacancy.id) };
  }

  async function importFromLibrary(participationId: string, vacancyIds: string[]): Promise<LocalVacancy[]> {
    const imported = await api['vacancies.importFromLibrary']({ participationId, vacancyIds });
    imported.forEach(remember);
    return imported;
  }

  /** All or nothing: `ok: false` lists the rows to fix and nothing was imported. */
  async function importCsv(participationId: string, fileBase64: string): Promise<IpcOutput<'vacancies.importCsv'>> {
    const result = await api['vacancies.importCsv']({ participationId, fileBase64 });
    if (result.ok) result.vacancies.forEach(remember);
    return result;
  }

  const csvTemplate = (language: 'ru' | 'en'): Promise<string> => api['vacancies.csvTemplate']({ language });

  return { lists, state, load, save, remove, importFromLibrary, importCsv, csvTemplate, keyOf };
});
