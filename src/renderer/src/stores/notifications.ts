import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { AppNotification } from '../../../shared/contract/ipc';
import { api, onEvent } from '../api';
import { unreadCount } from '../lib/notifications';
import { upsertById } from '../lib/records';
import { useCachedList } from './cachedList';
import { useSessionStore } from './session';

/**
 * The user's notifications (decisions on their pre-applications and participation infos, new
 * responses), newest first. A `notification` event adds one at once and is remembered as `latest`
 * for the snackbar.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const list = useCachedList<AppNotification>(() => api['notifications.list'](), []);
  /** The last notification that arrived while the app was open (the snackbar shows it). */
  const latest = ref<AppNotification | null>(null);
  const unread = computed(() => unreadCount(list.items.value));

  const session = useSessionStore();
  watch(
    () => session.user?.id,
    () => {
      latest.value = null;
    },
  );

  onEvent('notification', (notice) => {
    list.items.value = upsertById(list.items.value, notice).sort((a, b) => b.createdAt - a.createdAt);
    if (notice.readAt === null) latest.value = notice;
  });

  function markLocally(ids: readonly string[] | null): void {
    const now = Date.now();
    list.items.value = list.items.value.map((n) => (n.readAt === null && (!ids || ids.includes(n.id)) ? { ...n, readAt: now } : n));
  }

  /** Marks one or more read (all when `ids` is omitted); the badge drops at once. Throws `ApiCallError`. */
  async function markRead(ids?: string[]): Promise<void> {
    const unreadIds = ids?.filter((id) => list.items.value.some((n) => n.id === id && n.readAt === null));
    if (unreadIds && unreadIds.length === 0) return;
    markLocally(unreadIds ?? null);
    if (latest.value && (!unreadIds || unreadIds.includes(latest.value.id))) latest.value = null;
    try {
      await api['notifications.markRead'](unreadIds ? { ids: unreadIds } : {});
    } finally {
      void list.load();
    }
  }

  const dismissLatest = (): void => {
    latest.value = null;
  };

  return { ...list, latest, unread, markRead, dismissLatest };
});
