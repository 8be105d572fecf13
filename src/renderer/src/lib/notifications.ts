import type { AppNotification } from '../../../shared/contract/ipc';

/** How a notification reads: an i18n key under `notifications.text`, its named params, and the plural count. */
export interface NotificationWording {
  key: `notifications.text.${'preApplicationApproved' | 'preApplicationRejected' | 'participationApproved' | 'participationRejected' | 'newResponses'}`;
  params: Record<string, string | number>;
  /** Present for counted texts (vue-i18n plural choice). */
  plural?: number;
  /** The reason of a rejection, shown on its own line. */
  reason: string | null;
}

type Notice = Pick<AppNotification, 'kind' | 'params' | 'recordId'>;

const text = (params: Notice['params'], ...names: string[]): string => {
  for (const name of names) {
    const value = params[name];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return '';
};

const isRejection = (params: Notice['params']): boolean => {
  const decision = text(params, 'decision', 'status');
  return decision === 'rejected' || decision === 'reject';
};

/** Words a notification from its kind and params, whatever the core put in them (missing params read as ""). */
export function notificationWording(notice: Notice): NotificationWording {
  const p = notice.params;
  const reason = text(p, 'reason') || null;
  switch (notice.kind) {
    case 'preApplicationDecided':
      return {
        key: isRejection(p) ? 'notifications.text.preApplicationRejected' : 'notifications.text.preApplicationApproved',
        params: { number: text(p, 'number'), fair: text(p, 'fairTitle', 'fair'), company: text(p, 'companyName', 'company') },
        reason: isRejection(p) ? reason : null,
      };
    case 'participationDecided':
      return {
        key: isRejection(p) ? 'notifications.text.participationRejected' : 'notifications.text.participationApproved',
        params: { number: text(p, 'number'), fair: text(p, 'fairTitle', 'fair'), company: text(p, 'companyName', 'company') },
        reason: isRejection(p) ? reason : null,
      };
    case 'newResponses': {
      const raw = p['count'];
      const count = typeof raw === 'number' ? raw : Number.parseInt(String(raw ?? ''), 10) || 1;
      return { key: 'notifications.text.newResponses', params: { n: count, fair: text(p, 'fairTitle', 'fair') }, plural: count, reason: null };
    }
  }
}

/** Icon and colour of a notification in the menu. */
export function notificationLook(notice: Notice): { icon: string; color: string } {
  if (notice.kind === 'newResponses') return { icon: 'mdi-account-multiple-plus-outline', color: 'primary' };
  return isRejection(notice.params) ? { icon: 'mdi-close-circle-outline', color: 'error' } : { icon: 'mdi-check-circle-outline', color: 'success' };
}

/** A named route to open (what vue-router's `push` takes); plain data so this module stays router-free and testable. */
export interface NamedRoute {
  name: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
}

/** Where clicking a notification leads: the pre-application list, the participation editor, or the responses. */
export function notificationTarget(notice: Notice): NamedRoute {
  switch (notice.kind) {
    case 'preApplicationDecided':
      return { name: 'my-applications' };
    case 'participationDecided':
      return notice.recordId ? { name: 'participation', params: { id: notice.recordId } } : { name: 'my-fairs' };
    case 'newResponses': {
      const query: Record<string, string> = {};
      const fairId = text(notice.params, 'fairId');
      // `recordId` of a response notification is the participation info the responses came to.
      const participationId = text(notice.params, 'participationId') || (notice.recordId ?? '');
      if (participationId) query['participation'] = participationId;
      else if (fairId) query['fair'] = fairId;
      return { name: 'responses', query };
    }
  }
}

/** What the bell's badge shows. */
export function unreadCount(items: readonly Pick<AppNotification, 'readAt'>[]): number {
  return items.reduce((n, item) => n + (item.readAt === null ? 1 : 0), 0);
}
