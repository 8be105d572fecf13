import { onMounted, watch } from 'vue';
import { useRouter } from 'vue-router';
import { candidate, refreshSession } from '../session';
import { chat, startChat } from './chatClient';

/**
 * For a chat page: makes sure a candidate is signed in (else to sign-in, coming back to `from`
 * afterwards, as the other pages do) and that the chat runs; follows a sign-out the socket learns of.
 */
export function useSignedInChat(from: () => string): void {
  const router = useRouter();
  const toSignIn = (): void => void router.replace({ name: 'signIn', query: { from: from() } });

  onMounted(async () => {
    try {
      await refreshSession();
    } catch {
      // Server unreachable: not "signed out". Keep what we knew; the chat says it is offline.
      if (candidate.value) startChat(candidate.value.id);
      return;
    }
    if (!candidate.value) toSignIn();
    else startChat(candidate.value.id);
  });

  watch(
    () => chat.value?.state.connection,
    (connection) => {
      if (connection === 'signedOut') toSignIn();
    },
  );
}
