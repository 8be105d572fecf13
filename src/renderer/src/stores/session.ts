import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { IpcInput, SessionInfo } from '../../../shared/contract/ipc';
import { ApiCallError, api, onEvent } from '../api';

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

  /**
   * Signs out. The core refuses (`ApiCallError` with code `conflict`) while changes wait to be
   * sent, so nothing is lost by accident: the caller asks the user, then calls again with
   * `discardPending: true`. Any other failure still ends signed out locally.
   */
  async function logout(options: { discardPending: boolean } = { discardPending: false }): Promise<void> {
    try {
      await api['session.logout'](options);
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'conflict') throw error;
      session.value = null;
      throw error;
    }
    session.value = null;
  }

  return { session, user, restore, login, logout };
});
