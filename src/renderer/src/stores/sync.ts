import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SyncStatus } from '../../../shared/contract/ipc';
import { api, onCoreConnection, onEvent } from '../api';

const signedOut: SyncStatus = {
  state: 'signed_out',
  lastSyncedAt: null,
  pending: 0,
  rejections: 0,
  upgradeRequired: false,
  message: null,
};

/** The sync engine's status as the core reports it (`sync.status` events), and "sync now". */
export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus>(signedOut);
  /** False while the browser host's link to the core is down (never in Electron). */
  const coreConnected = ref(true);
  const requesting = ref(false);

  onEvent('sync.status', (next) => {
    status.value = next;
  });

  onCoreConnection((connected) => {
    coreConnected.value = connected;
    // Events sent while the link was down are lost; ask for the current state.
    if (connected) void refresh();
  });

  async function refresh(): Promise<void> {
    try {
      status.value = await api['sync.status']();
    } catch {
      // The next event or reconnect brings the status; nothing for the user to do here.
    }
  }

  /** Pulls now. Never throws: being offline shows in the status itself. */
  async function syncNow(): Promise<void> {
    if (requesting.value) return;
    requesting.value = true;
    try {
      status.value = await api['sync.now']();
    } catch (error) {
      status.value = {
        ...status.value,
        state: 'error',
        message: error instanceof Error ? error.message : String(error),
      };
    } finally {
      requesting.value = false;
    }
  }

  return { status, coreConnected, requesting, refresh, syncNow };
});
