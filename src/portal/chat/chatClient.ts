import { shallowRef } from 'vue';
import { refreshSession, candidate } from '../session';
import { ChatEngine } from './chatEngine';
import { createChatSocket, type ChatSocket } from './chatSocket';

/**
 * The one chat connection of the portal tab, alive while a candidate is signed in: the header's
 * unread count and the chat pages read the same engine.
 */
export const chat = shallowRef<ChatEngine | null>(null);
let running: { candidateId: string; engine: ChatEngine; socket: ChatSocket } | null = null;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Starts the chat for this candidate (a no-op when it already runs for them). */
export function startChat(candidateId: string): ChatEngine {
  if (running?.candidateId === candidateId) return running.engine;
  stopChat();
  const socket = createChatSocket();
  const engine = new ChatEngine({ candidateId, transport: socket.transport, storage: storage() });
  socket.attach(engine, async () => {
    await refreshSession();
    return candidate.value?.id === candidateId;
  });
  running = { candidateId, engine, socket };
  chat.value = engine;
  return engine;
}

/** Signing out: the connection closes; the outbox stays stored for the candidate's next visit. */
export function stopChat(): void {
  if (!running) return;
  running.socket.close();
  running.engine.dispose();
  running = null;
  chat.value = null;
}
