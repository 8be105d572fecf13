import { ref, watch, type Ref } from 'vue';
import type { IpcEventPayload } from '../../../shared/contract/ipc';
import { onEvent } from '../api';
import { useSessionStore } from './session';
import { useSyncStore } from './sync';

/** What a list read from the local cache looks like to a page. */
export interface CachedList<T> {
  items: Ref<T[]>;
  /** True until the first load has answered (success or failure). */
  loading: Ref<boolean>;
  /** The failure of the last load, as an error object the page turns into a message. */
  error: Ref<unknown>;
  load(): Promise<void>;
}

/** The kinds of cached records the core reports in `cache.changed`. */
export type CachedEntity = IpcEventPayload<'cache.changed'>['entities'][number];

/**
 * A list the core serves from its local cache. Re-reads itself when the core says records of
 * `entities` changed (a pull, a local change, a rolled-back rejection) and after every completed
 * sync, and empties itself when the signed-in user changes, so one user's rows never flash on
 * another's screen. Call inside a Pinia setup store.
 */
export function useCachedList<T>(read: () => Promise<T[]>, entities: readonly CachedEntity[]): CachedList<T> {
  const items = ref<T[]>([]) as Ref<T[]>;
  const loading = ref(true);
  const error = ref<unknown>(null);
  let loaded = false;
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    if (!loaded) loading.value = true;
    try {
      const next = await read();
      if (mine !== generation) return; // A newer load or a sign-out overtook this one.
      items.value = next;
      error.value = null;
      loaded = true;
    } catch (failure) {
      if (mine === generation) error.value = failure;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  const session = useSessionStore();
  watch(
    () => session.user?.id,
    () => {
      generation++;
      items.value = [];
      error.value = null;
      loading.value = true;
      loaded = false;
    },
  );

  onEvent('cache.changed', (change) => {
    if (loaded && change.entities.some((entity) => entities.includes(entity))) void load();
  });

  const sync = useSyncStore();
  watch(
    () => sync.status.lastSyncedAt,
    (now, before) => {
      if (loaded && now !== before) void load();
    },
  );

  return { items, loading, error, load };
}
