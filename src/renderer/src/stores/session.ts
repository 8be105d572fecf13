import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { IpcInput, SessionInfo } from '../../../shared/contract/ipc';
import { api, onEvent } from '../api';

/** Who is signed in. The core owns the session; this store mirrors it and follows `session.changed`. */
export const useSessionStore = defineStore('session', () => {
  const session = ref<SessionInfo | null>(null);
  let restoring: Promise<void> | null = null;

  const user = computed(() => session.value?.user ?? null);

  onEvent('session.changed', (next) => {
    session.value = next;
  });

  /**
   * Reads the stored session once at start-up (no network: works offline). If the core cannot
   * answer, the user simply sees the login page.
   */
  function restore(): Promise<void> {
    restoring ??= api['session.current']()
      .then((current) => {
        session.value = current;
      })
      .catch(() => {
        session.value = null;
      });
    return restoring;
  }

  /** Throws `ApiCallError` (invalid_credentials, server_unreachable, …) for the form to show. */
  async function login(input: IpcInput<'session.login'>): Promise<SessionInfo> {
    const next = await api['session.login'](input);
    session.value = next;
    return next;
  }

  /** Always ends signed out locally, even when the server cannot be told. */
  async function logout(): Promise<void> {
    try {
      await api['session.logout']();
    } finally {
      session.value = null;
    }
  }

  return { session, user, restore, login, logout };
});
