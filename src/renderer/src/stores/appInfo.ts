import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppInfo } from '../../../shared/contract/ipc';
import { DEFAULT_SERVER_PORT } from '../../../shared/api/http';
import { api } from '../api';

/** Used when the core cannot tell us (it is still starting, or unreachable): the local dev server. */
export const FALLBACK_SERVER_URL = `http://127.0.0.1:${DEFAULT_SERVER_PORT}`;

/** Facts about this installation from the core (`app.info`). */
export const useAppInfoStore = defineStore('appInfo', () => {
  const info = ref<AppInfo | null>(null);
  let loading: Promise<void> | null = null;

  const defaultServerUrl = computed(() => info.value?.defaultServerUrl || FALLBACK_SERVER_URL);

  /** Loads once; a failure leaves `info` empty so the UI falls back to defaults instead of blanking. */
  function load(): Promise<void> {
    loading ??= api['app.info']()
      .then((value) => {
        info.value = value;
      })
      .catch(() => {
        loading = null;
      });
    return loading;
  }

  return { info, defaultServerUrl, load };
});
