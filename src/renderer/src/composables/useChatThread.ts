import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { LocalChatMessage } from '../../../shared/contract/ipc';
import { api, onCoreConnection, onEvent } from '../api';

/**
 * The messages of the open conversation, in the core's order (sent ones by seq, then queued and
 * refused ones), from the cache. Re-read when the core says this conversation changed (a message
 * arrived, one of mine was acknowledged or refused). A message is keyed by its id, so a queued
 * one that becomes `sent` stays the same row on screen.
 */
export function useChatThread(conversationId: Ref<string | null>) {
  const messages = ref<LocalChatMessage[]>([]);
  const loading = ref(false);
  const error = ref<unknown>(null);
  let generation = 0;

  async function load(): Promise<void> {
    const id = conversationId.value;
    const mine = ++generation;
    if (!id) {
      messages.value = [];
      loading.value = false;
      return;
    }
    try {
      const next = await api['chats.messages']({ conversationId: id });
      if (mine !== generation) return;
      messages.value = next;
      error.value = null;
    } catch (failure) {
      if (mine === generation) error.value = failure;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  watch(
    conversationId,
    () => {
      messages.value = [];
      error.value = null;
      loading.value = conversationId.value !== null;
      void load();
    },
    { immediate: true },
  );

  /** Shows a message the core has just queued, before `chat.changed` brings the re-read list. */
  function showQueued(message: LocalChatMessage): void {
    if (message.conversationId !== conversationId.value || messages.value.some((m) => m.id === message.id)) return;
    messages.value = [...messages.value, message];
  }

  /** Hides a discarded (refused) message at once. */
  function hide(messageId: string): void {
    messages.value = messages.value.filter((m) => m.id !== messageId);
  }

  const stops = [
    onEvent('chat.changed', ({ conversationIds }) => {
      if (conversationId.value && conversationIds.includes(conversationId.value)) void load();
    }),
    onCoreConnection((up) => {
      if (up) void load();
    }),
  ];
  onBeforeUnmount(() => {
    generation++;
    for (const stop of stops) stop();
  });

  return { messages, loading, error, load, showQueued, hide };
}
