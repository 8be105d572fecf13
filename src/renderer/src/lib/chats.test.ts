import { describe, expect, it } from 'vitest';
import {
  badgeText,
  chatActorOf,
  createTypingThrottle,
  earliestKnown,
  isChatRefusal,
  messageState,
  neighbourId,
  seqToMarkRead,
  splitDuration,
  waitMinutes,
  windowTitle,
} from './chats';

describe('chatActorOf', () => {
  it('maps employer roles to the chat rules’ actors and moderators to none', () => {
    expect(chatActorOf({ id: 'u1', role: 'employer_admin' })).toEqual({ userId: 'u1', role: 'employer_admin' });
    expect(chatActorOf({ id: 'u2', role: 'employer_manager' })).toEqual({ userId: 'u2', role: 'employer_manager' });
    expect(chatActorOf({ id: 'u3', role: 'moderator' })).toBeNull();
    expect(chatActorOf(null)).toBeNull();
  });
});

describe('messageState', () => {
  const mine = { mine: true, delivery: 'sent' as const, seq: 4 };
  it('reads my sent messages as read once the candidate has read up to their seq', () => {
    expect(messageState(mine, 3)).toBe('sent');
    expect(messageState(mine, 4)).toBe('read');
    expect(messageState(mine, 9)).toBe('read');
  });
  it('shows queued and refused as they are, never as read', () => {
    expect(messageState({ mine: true, delivery: 'sending', seq: null }, 100)).toBe('sending');
    expect(messageState({ mine: true, delivery: 'refused', seq: null }, 100)).toBe('refused');
  });
  it('says nothing about other people’s messages', () => {
    expect(messageState({ ...mine, mine: false }, 10)).toBeNull();
  });
});

describe('windowTitle and badgeText', () => {
  it('puts the unread count in front of the name only when there is one', () => {
    expect(windowTitle(0, 'FairDesk')).toBe('FairDesk');
    expect(windowTitle(3, 'FairDesk')).toBe('(3) FairDesk');
    expect(windowTitle(1200, 'FairDesk')).toBe('(999+) FairDesk');
  });
  it('caps badges at 99+', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('createTypingThrottle', () => {
  it('sends at most once per interval while typing, and at once after a reset', () => {
    let now = 0;
    let sent = 0;
    const throttle = createTypingThrottle(() => sent++, 3000, () => now);
    throttle.typed();
    now = 1000;
    throttle.typed();
    now = 2999;
    throttle.typed();
    expect(sent).toBe(1);
    now = 3000;
    throttle.typed();
    expect(sent).toBe(2);
    throttle.reset();
    throttle.typed();
    expect(sent).toBe(3);
  });
});

describe('waiting times', () => {
  it('counts whole minutes since the oldest unanswered message', () => {
    expect(waitMinutes(null, 10_000_000)).toBeNull();
    expect(waitMinutes(0, 59_999)).toBe(0);
    expect(waitMinutes(0, 125 * 60_000 + 5)).toBe(125);
    expect(waitMinutes(1000, 0)).toBe(0);
    expect(splitDuration(125)).toEqual({ hours: 2, minutes: 5 });
  });
  it('finds the earliest known start over employers', () => {
    expect(earliestKnown([null, 5, 3, null])).toBe(3);
    expect(earliestKnown([null, null])).toBeNull();
    expect(earliestKnown([])).toBeNull();
  });
});

describe('seqToMarkRead', () => {
  it('marks up to the newest message when something is unread, once', () => {
    expect(seqToMarkRead({ unread: 2, lastSeq: 9 }, 0)).toBe(9);
    expect(seqToMarkRead({ unread: 2, lastSeq: 9 }, 9)).toBeNull();
    expect(seqToMarkRead({ unread: 0, lastSeq: 9 }, 0)).toBeNull();
  });
});

describe('neighbourId', () => {
  const ids = ['a', 'b', 'c'];
  it('moves within the list without wrapping', () => {
    expect(neighbourId(ids, 'b', 1)).toBe('c');
    expect(neighbourId(ids, 'c', 1)).toBe('c');
    expect(neighbourId(ids, 'a', -1)).toBe('a');
  });
  it('starts at the first (down) or last (up) when nothing or something unlisted is open', () => {
    expect(neighbourId(ids, null, 1)).toBe('a');
    expect(neighbourId(ids, 'gone', -1)).toBe('c');
    expect(neighbourId([], null, 1)).toBeNull();
  });
});

describe('isChatRefusal', () => {
  it('knows the rules’ refusals and nothing else', () => {
    expect(isChatRefusal('claimed_by_other')).toBe(true);
    expect(isChatRefusal('conversation_closed')).toBe(true);
    expect(isChatRefusal('rate_limited')).toBe(false);
  });
});
