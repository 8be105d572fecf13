import { useI18n } from 'vue-i18n';
import type { LocalChatConversation, LocalChatMessage } from '../../../shared/contract/ipc';
import type { ChatRefusal } from '../../../shared/domain/chat/rules';
import { isChatRefusal } from '../lib/chats';

/**
 * The rules' refusals (shared/domain/chat/rules.ts) in the UI language: the English texts are
 * `chatRefusalMessage`'s own (a unit test keeps them equal). A refused message's other reasons
 * (rate limit, bad input) come worded by the server and show as they are.
 */
export function useChatRefusal() {
  const { t } = useI18n();

  function refusalText(refusal: ChatRefusal, conversation?: Pick<LocalChatConversation, 'claimedBy'> | null): string {
    if (refusal === 'claimed_by_other') {
      return t('chats.refusals.claimed_by_other', { name: conversation?.claimedBy?.name ?? t('chats.refusals.anotherManager') });
    }
    return t(`chats.refusals.${refusal}`);
  }

  /** Why a refused message did not reach the candidate. */
  function messageRefusalText(message: Pick<LocalChatMessage, 'refusal'>, conversation?: Pick<LocalChatConversation, 'claimedBy'> | null): string {
    const refusal = message.refusal;
    if (!refusal) return '';
    return isChatRefusal(refusal.code) ? refusalText(refusal.code, conversation) : refusal.message;
  }

  return { refusalText, messageRefusalText };
}
