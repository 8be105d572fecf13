import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { Rejection } from '../../../shared/contract/ipc';
import { api, onEvent } from '../api';
import { mergeRejection } from '../lib/rejections';
import { useFairsStore } from './fairs';
import { usePreApplicationsStore } from './preApplications';
import { useSessionStore } from './session';
import { useSyncStore } from './sync';

/**
 * Changes of the user's the server refused, until the user dismisses them. Arrive live
 * (`sync.rejected`) and are re-read whenever the core's count of them changes or the cache changes,
 * so a rejection that arrived while the renderer was not listening is still shown.
 */
export const useRejectionsStore = defineStore('rejections', () => {
  const items = ref<Rejection[]>([]);
  /** Mutation ids being dismissed right now (their buttons spin). */
  const dismissing = ref<ReadonlySet<number>>(new Set());
  const error = ref<unknown>(null);
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    try {
      const next = await api['sync.rejections']();
      if (mine !== generation) return;
      items.value = next;
      error.value = null;
    } catch (failure) {
      if (mine === generation) error.value = failure;
    }
  }

  onEvent('sync.rejected', (rejection) => {
    items.value = mergeRejection(items.value, rejection);
  });
  onEvent('cache.changed', () => {
    void load();
  });

  const sync = useSyncStore();
  watch(
    () => sync.status.rejections,
    (now, before) => {
      if (now !== before && now !== items.value.length) void load();
    },
  );

  const session = useSessionStore();
  watch(
    () => session.user?.id,
    (user) => {
      generation++;
      items.value = [];
      if (user) void load();
    },
  );

  /** The user has read it: the core forgets it and the record's badge goes back to its real state. */
  async function dismiss(mutationId: number): Promise<void> {
    dismissing.value = new Set([...dismissing.value, mutationId]);
    try {
      await api['sync.dismissRejection']({ mutationId });
      items.value = items.value.filter((r) => r.mutationId !== mutationId);
      // The record's badge goes back to its real state; the core also says so with `cache.changed`.
      void usePreApplicationsStore().load();
      void useFairsStore().load();
    } finally {
      const rest = new Set(dismissing.value);
      rest.delete(mutationId);
      dismissing.value = rest;
    }
  }

  return { items, dismissing, error, load, dismiss };
});
