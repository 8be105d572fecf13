import { ref } from 'vue';

const ASKED_KEY = 'fairdesk.chatNotifications.asked';

function storedAsked(): boolean {
  try {
    return window.localStorage.getItem(ASKED_KEY) === 'yes';
  } catch {
    return false;
  }
}

const supported = typeof window !== 'undefined' && 'Notification' in window;
const permission = ref<NotificationPermission>(supported ? Notification.permission : 'denied');
const asked = ref(storedAsked());

/**
 * The operating system's notifications (the web Notification API, which Electron shows natively).
 * Permission is asked only when the user presses "Turn on" — never on load — and "Not now" is
 * remembered on this device, so the offer is made once.
 */
export function useDesktopNotifications() {
  function remember(): void {
    asked.value = true;
    try {
      window.localStorage.setItem(ASKED_KEY, 'yes');
    } catch {
      // Storage can be unavailable: the offer then comes back next time, which is harmless.
    }
  }

  async function ask(): Promise<void> {
    remember();
    if (!supported) return;
    permission.value = await Notification.requestPermission();
  }

  /** Shows one notification; `onOpen` runs when the user clicks it. Does nothing without permission. */
  function show(title: string, options: { body: string; tag: string; onOpen: () => void }): void {
    if (!supported || Notification.permission !== 'granted') return;
    const notice = new Notification(title, { body: options.body, tag: options.tag });
    notice.onclick = () => {
      window.focus();
      options.onOpen();
      notice.close();
    };
  }

  return {
    supported,
    permission,
    /** Worth offering: supported, not decided yet, and not declined here before. */
    shouldOffer: () => supported && permission.value === 'default' && !asked.value,
    ask,
    dismiss: remember,
    show,
  };
}
