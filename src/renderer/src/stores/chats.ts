import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { IpcEventPayload, LocalChatConversation, LocalChatMessage } from '../../../shared/contract/ipc';
import { api, onCoreConnection, onEvent } from '../api';
import { readCountsForEmployer } from '../../../shared/domain/chat/rules';
import { chatActorOf, type ChatFilter } from '../lib/chats';
import { useSessionStore } from './session';

/** How long "… is typing" stays after the last typing event (the sender repeats it every few seconds). */
const TYPING_SHOWN_MS = 6_000;

type TypingEvent = IpcEventPayload<'chat.typing'>;

/**
 * "My chats" of the signed-in employer user: the conversation list as the page asks for it
 * (filter, search; from the core's cache, so it works offline), the chat socket's state and the
 * total unread count (navigation badge, window title), who is typing where, and the unsent drafts.
 * Re-reads on `chat.changed`; empties itself when the user changes. Moderators have no chats: for
 * them nothing is ever asked of the core.
 */
export const useChatsStore = defineStore('chats', () => {
  const session = useSessionStore();
  const actor = computed(() => chatActorOf(session.user));
  const enabled = computed(() => actor.value !== null);

  const connected = ref(false);
  const unread = ref(0);

  const filter = ref<ChatFilter>('all');
  const search = ref('');
  const conversations = ref<LocalChatConversation[]>([]);
  /** True until the first list has answered. */
  const loading = ref(true);
  const error = ref<unknown>(null);
  let loaded = false;
  let generation = 0;

  /** The newest copy seen of each conversation (also ones the current filter hides: the open one stays open). */
  const known = ref<Record<string, LocalChatConversation>>({});
  const typing = ref<Record<string, { name: string; until: number }>>({});
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Text typed but not sent, per conversation (switching conversations keeps it). */
  const drafts = ref<Record<string, string>>({});

  function remember(conversation: LocalChatConversation): void {
    known.value = { ...known.value, [conversation.id]: conversation };
    const index = conversations.value.findIndex((c) => c.id === conversation.id);
    if (index >= 0) {
      const next = [...conversations.value];
      next[index] = { ...conversation, match: conversations.value[index]?.match ?? null };
      conversations.value = next;
    }
  }

  async function load(): Promise<void> {
    if (!enabled.value) return;
    const mine = ++generation;
    if (!loaded) loading.value = true;
    const query = search.value.trim();
    try {
      const next = await api['chats.list']({ filter: filter.value, ...(query ? { search: query.slice(0, 200) } : {}) });
      if (mine !== generation) return; // A newer query or a sign-out overtook this one.
      conversations.value = next;
      const copies = { ...known.value };
      for (const conversation of next) copies[conversation.id] = conversation;
      known.value = copies;
      error.value = null;
      loaded = true;
    } catch (failure) {
      if (mine === generation) error.value = failure;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function refreshConnection(): Promise<void> {
    if (!enabled.value) return;
    try {
      const state = await api['chats.connection']();
      connected.value = state.connected;
      unread.value = state.unread;
    } catch {
      // The next `chat.connection` event brings it; nothing for the user to do.
    }
  }

  function reset(): void {
    generation++;
    conversations.value = [];
    known.value = {};
    drafts.value = {};
    for (const timer of typingTimers.values()) clearTimeout(timer);
    typingTimers.clear();
    typing.value = {};
    error.value = null;
    loading.value = true;
    loaded = false;
    connected.value = false;
    unread.value = 0;
    filter.value = 'all';
    search.value = '';
  }

  watch(
    () => session.user?.id,
    () => {
      reset();
      void refreshConnection();
    },
    { immediate: true },
  );

  function stopTyping(conversationId: string): void {
    clearTimeout(typingTimers.get(conversationId));
    typingTimers.delete(conversationId);
    if (!(conversationId in typing.value)) return;
    const next = { ...typing.value };
    delete next[conversationId];
    typing.value = next;
  }

  function showTyping(event: TypingEvent): void {
    const until = Date.now() + TYPING_SHOWN_MS;
    typing.value = { ...typing.value, [event.conversationId]: { name: event.name, until } };
    clearTimeout(typingTimers.get(event.conversationId));
    typingTimers.set(
      event.conversationId,
      setTimeout(() => stopTyping(event.conversationId), TYPING_SHOWN_MS),
    );
  }

  onEvent('chat.connection', (state) => {
    if (!enabled.value) return;
    connected.value = state.connected;
    unread.value = state.unread;
    // Offline nobody's typing reaches us: do not leave a stale indicator.
    if (!state.connected) for (const id of Object.keys(typing.value)) stopTyping(id);
  });
  onEvent('chat.changed', () => {
    if (!enabled.value) return;
    if (loaded) void load();
    void refreshConnection();
  });
  onEvent('chat.typing', (event) => {
    if (enabled.value && event.authorKind === 'candidate') showTyping(event);
  });
  onEvent('chat.incoming', ({ conversation }) => {
    if (!enabled.value) return;
    remember(conversation);
    // The message they were typing has arrived.
    stopTyping(conversation.id);
  });
  onCoreConnection((up) => {
    // Events sent while the browser host's link was down are lost: ask again.
    if (!up || !enabled.value) return;
    void refreshConnection();
    if (loaded) void load();
  });

  const conversation = (id: string | null): LocalChatConversation | null => (id ? (known.value[id] ?? null) : null);
  const typingIn = (id: string | null): string | null => (id ? (typing.value[id]?.name ?? null) : null);

  // ---- actions: thin over the core, each remembering the conversation it answers with ----
  async function send(conversationId: string, body: string): Promise<LocalChatMessage> {
    const message = await api['chats.send']({ conversationId, body });
    drafts.value = { ...drafts.value, [conversationId]: '' };
    return message;
  }
  const discard = (messageId: string): Promise<void> => api['chats.discard']({ messageId });
  const sendTyping = (conversationId: string): Promise<void> => api['chats.typing']({ conversationId });

  async function markRead(conversationId: string, seq: number): Promise<void> {
    const current = known.value[conversationId];
    const reader = actor.value;
    // Another manager's conversation: looking at it reads nothing for the employer.
    if (current && reader && !readCountsForEmployer(current, reader)) return;
    // The badge drops at once; the core keeps the mark and sends it when it can.
    if (current && current.unread > 0) {
      unread.value = Math.max(0, unread.value - current.unread);
      remember({ ...current, unread: 0, employerUnread: 0, employerReadSeq: Math.max(current.employerReadSeq, seq) });
    }
    await api['chats.markRead']({ conversationId, seq });
  }

  async function claim(conversationId: string): Promise<LocalChatConversation> {
    const next = await api['chats.claim']({ conversationId });
    remember(next);
    return next;
  }
  async function assign(conversationId: string, userId: string): Promise<LocalChatConversation> {
    const next = await api['chats.assign']({ conversationId, userId });
    remember(next);
    return next;
  }
  async function setStatus(conversationId: string, status: 'open' | 'closed'): Promise<LocalChatConversation> {
    const next = await api['chats.setStatus']({ conversationId, status });
    remember(next);
    return next;
  }

  function setDraft(conversationId: string, text: string): void {
    drafts.value = { ...drafts.value, [conversationId]: text };
  }

  return {
    actor,
    enabled,
    connected,
    unread,
    filter,
    search,
    conversations,
    loading,
    error,
    drafts,
    known,
    typing,
    load,
    refreshConnection,
    remember,
    conversation,
    typingIn,
    send,
    discard,
    sendTyping,
    markRead,
    claim,
    assign,
    setStatus,
    setDraft,
  };
});
