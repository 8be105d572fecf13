import { describe, expect, it } from 'vitest';
import { ChatMessageEvent } from '../../api/chat';
import type { ChatConversationDto, ChatMessageDto } from './records';
import { conversationChange, summaryAfterMessage } from './summary';

const held: ChatConversationDto = {
  id: '00000000-0000-4000-8000-000000000001',
  fairId: '00000000-0000-4000-8000-000000000002',
  fairName: 'Autumn fair',
  employerId: '00000000-0000-4000-8000-000000000003',
  companyName: 'Qazaq Logistics',
  candidateId: '00000000-0000-4000-8000-000000000004',
  candidateName: 'Aliya Serikova',
  responseId: '00000000-0000-4000-8000-000000000005',
  vacancyTitle: 'Dispatcher',
  status: 'open',
  claimedBy: { userId: '00000000-0000-4000-8000-000000000006', name: 'Dana', at: 1_000 },
  lastSeq: 4,
  lastMessage: { seq: 4, authorKind: 'employer', preview: 'Hello', createdAt: 1_000 },
  candidateReadSeq: 4,
  employerReadSeq: 3,
  employerUnread: 0,
  candidateUnread: 0,
  awaitingReplySince: null,
  createdAt: 500,
  updatedAt: 1_000,
};

const message: ChatMessageDto = {
  id: '00000000-0000-4000-8000-000000000007',
  conversationId: held.id,
  seq: 5,
  authorKind: 'candidate',
  authorUserId: null,
  authorName: 'Aliya Serikova',
  body: `  Is the   shift\nat night? ${'x'.repeat(200)}`,
  createdAt: 2_000,
};

/** The server's summary after the message: what a full catch-up would answer. */
const after: ChatConversationDto = {
  ...held,
  lastSeq: 5,
  lastMessage: { seq: 5, authorKind: 'candidate', preview: '', createdAt: 2_000 },
  employerReadSeq: 4,
  employerUnread: 1,
  awaitingReplySince: 2_000,
  updatedAt: 2_000,
};

describe('conversationChange / summaryAfterMessage', () => {
  it('rebuilds the full summary from the held one, the change and the message', () => {
    const next = summaryAfterMessage(held, message, conversationChange(after));
    expect(next).toEqual({ ...after, lastMessage: { seq: 5, authorKind: 'candidate', preview: expect.stringMatching(/^Is the shift at night\? x+…$/) as unknown, createdAt: 2_000 } });
    // Labels stay the held ones; only what can change travels.
    expect(Object.keys(conversationChange(after))).not.toContain('candidateName');
    expect(JSON.stringify(conversationChange(after)).length).toBeLessThan(JSON.stringify(after).length / 2);
  });

  it('answers null when the held labels may be out of date: another response, or another conversation', () => {
    expect(summaryAfterMessage(held, message, { ...conversationChange(after), responseId: '00000000-0000-4000-8000-000000000099' })).toBeNull();
    expect(summaryAfterMessage({ ...held, id: '00000000-0000-4000-8000-000000000098' }, message, conversationChange(after))).toBeNull();
  });

  it('is what chat:message carries, and only as the message left the conversation', () => {
    expect(ChatMessageEvent.safeParse({ message, conversation: conversationChange(after) }).success).toBe(true);
    // A change from before or after the message would put the wrong message last.
    expect(ChatMessageEvent.safeParse({ message, conversation: conversationChange(held) }).success).toBe(false);
    expect(ChatMessageEvent.safeParse({ message, conversation: { ...conversationChange(after), lastSeq: 6 } }).success).toBe(false);
  });
});
