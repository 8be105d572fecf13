import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../i18n';
import { notificationTarget, notificationWording, unreadCount } from './notifications';

const id = '0b7c3c2e-4a57-4d0f-9a53-6d0f0c2f3a11';

function say(locale: 'ru' | 'kk' | 'en', notice: Parameters<typeof notificationWording>[0]): string {
  const { t } = createAppI18n(locale).global;
  const wording = notificationWording(notice);
  return wording.plural === undefined ? t(wording.key, wording.params) : t(wording.key, wording.params, wording.plural);
}

describe('notificationWording', () => {
  it('words decisions on pre-applications, with the reason of a rejection', () => {
    const approved = { kind: 'preApplicationDecided' as const, recordId: id, params: { decision: 'approved', number: '20261118-1' } };
    expect(say('en', approved)).toBe('Pre-application 20261118-1 approved');
    expect(say('ru', approved)).toBe('Предварительная заявка 20261118-1 одобрена');
    expect(notificationWording(approved).reason).toBeNull();

    const rejected = { kind: 'preApplicationDecided' as const, recordId: id, params: { decision: 'rejected', number: '20261118-2', reason: 'No licence' } };
    expect(say('en', rejected)).toBe('Pre-application 20261118-2 rejected');
    expect(notificationWording(rejected).reason).toBe('No licence');
  });

  it('words decisions on participation infos by fair', () => {
    const notice = { kind: 'participationDecided' as const, recordId: id, params: { decision: 'rejected', fairTitle: 'Spring fair', reason: null } };
    expect(say('en', notice)).toBe('Participation in Spring fair rejected');
    expect(say('kk', notice)).toBe('Spring fair жәрмеңкесіне қатысу қабылданбады');
    expect(notificationWording(notice).reason).toBeNull();
  });

  it('counts new responses with each language’s plural forms', () => {
    const of = (count: number) => ({ kind: 'newResponses' as const, recordId: null, params: { count, fairTitle: 'Spring fair' } });
    expect(say('en', of(1))).toBe('A new response at Spring fair');
    expect(say('en', of(3))).toBe('3 new responses at Spring fair');
    expect(say('ru', of(1))).toBe('1 новый отклик: Spring fair');
    expect(say('ru', of(3))).toBe('3 новых отклика: Spring fair');
    expect(say('ru', of(5))).toBe('5 новых откликов: Spring fair');
    expect(say('kk', of(2))).toBe('Spring fair: 2 жаңа өтініш');
  });
});

describe('notificationTarget', () => {
  it('opens the record each notification is about', () => {
    expect(notificationTarget({ kind: 'preApplicationDecided', recordId: id, params: {} })).toEqual({ name: 'my-applications' });
    expect(notificationTarget({ kind: 'participationDecided', recordId: id, params: {} })).toEqual({ name: 'participation', params: { id } });
    expect(notificationTarget({ kind: 'participationDecided', recordId: null, params: {} })).toEqual({ name: 'my-fairs' });
    expect(notificationTarget({ kind: 'newResponses', recordId: id, params: { count: 2 } })).toEqual({ name: 'responses', query: { participation: id } });
    expect(notificationTarget({ kind: 'newResponses', recordId: null, params: { count: 2, fairId: 'f' } })).toEqual({ name: 'responses', query: { fair: 'f' } });
  });

  it('counts unread ones', () => {
    expect(unreadCount([{ readAt: null }, { readAt: 5 }, { readAt: null }])).toBe(2);
  });
});
