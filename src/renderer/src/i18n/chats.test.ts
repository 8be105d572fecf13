import { describe, expect, it } from 'vitest';
import { chatRefusalMessage, type ChatRefusal } from '../../../shared/domain/chat/rules';
import { chatsEn } from './chats.en';

describe('English chat refusals', () => {
  it('read exactly as the shared rules word them (the desktop only adds translations)', () => {
    const refusals: ChatRefusal[] = ['not_claimed', 'claimed_by_other', 'conversation_closed', 'not_admin', 'not_a_member'];
    const claimedBy = { claimedBy: { userId: '00000000-0000-4000-8000-000000000001', name: 'Saule Ibraeva', at: 0 } };
    for (const refusal of refusals) {
      const text = chatsEn.chats.refusals[refusal].replace('{name}', 'Saule Ibraeva');
      expect(text).toBe(chatRefusalMessage(refusal, claimedBy));
    }
  });
});
