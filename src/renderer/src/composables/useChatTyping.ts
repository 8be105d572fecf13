import type { Ref } from 'vue';
import { createTypingThrottle } from '../lib/chats';
import { useChatsStore } from '../stores/chats';

/** How often "I am typing" goes out while the manager keeps typing (the candidate shows it ~6 s). */
const TYPING_EVERY_MS = 3_000;

/** Tells the candidate that I am typing in the open conversation, throttled; dropped when offline. */
export function useChatTyping(conversationId: Ref<string | null>) {
  const chats = useChatsStore();
  const throttle = createTypingThrottle(() => {
    const id = conversationId.value;
    if (id && chats.connected) void chats.sendTyping(id).catch(() => undefined);
  }, TYPING_EVERY_MS);
  return { typed: throttle.typed, reset: throttle.reset };
}
