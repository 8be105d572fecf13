import { onBeforeUnmount, ref } from 'vue';

/**
 * True while the user can be looking at the app: the page is visible and the window has the
 * focus. "Mark read" waits for it, so messages that arrive while FairDesk sits in the background
 * stay unread (and counted in the badge) until the manager comes back.
 */
export function useWindowAttention() {
  const attending = ref(false);
  const update = (): void => {
    attending.value = document.visibilityState === 'visible' && document.hasFocus();
  };
  update();
  window.addEventListener('focus', update);
  window.addEventListener('blur', update);
  document.addEventListener('visibilitychange', update);
  onBeforeUnmount(() => {
    window.removeEventListener('focus', update);
    window.removeEventListener('blur', update);
    document.removeEventListener('visibilitychange', update);
  });
  return attending;
}
