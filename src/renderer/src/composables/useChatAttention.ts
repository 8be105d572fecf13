import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { onEvent } from '../api';
import { windowTitle } from '../lib/chats';
import { useChatsStore } from '../stores/chats';
import { useDesktopNotifications } from './useDesktopNotifications';

/**
 * What keeps a manager's attention on waiting candidates outside "My chats": the window title
 * "(N) FairDesk" (Electron's main process mirrors it as the app badge), and a desktop notification
 * for each candidate message that arrives while the window is not focused — clicking it opens the
 * conversation. Call once, in the app's root.
 */
export function useChatAttention(): void {
  const chats = useChatsStore();
  const router = useRouter();
  const { t } = useI18n();
  const notifications = useDesktopNotifications();

  watchEffect(() => {
    document.title = windowTitle(chats.enabled ? chats.unread : 0, t('app.name'));
  });

  onEvent('chat.incoming', ({ conversation, message }) => {
    if (!chats.enabled || document.hasFocus()) return;
    notifications.show(t('chats.notification.title', { name: message.authorName, company: conversation.companyName }), {
      body: message.body.length > 200 ? `${message.body.slice(0, 199)}…` : message.body,
      // One notification per conversation on screen at a time: a newer message replaces the older one.
      tag: `chat:${conversation.id}`,
      onOpen: () => void router.push({ name: 'chats', params: { conversationId: conversation.id } }),
    });
  });
}
