import { describe, expect, it } from 'vitest';
import { ChatText, MAX_CHAT_MESSAGE_CHARS, chatPreview, chatTextSegments, normalizeChatText } from './text';

describe('normalizeChatText', () => {
  it('normalises line ends, strips control and bidi characters, trims, caps blank lines', () => {
    expect(normalizeChatText('  Hello\r\nworld \u0000\u202E!\r\n\n\n\n\nBye  ')).toBe('Hello\nworld !\n\n\nBye');
  });
  it('keeps markup as text (it is never rendered as HTML)', () => {
    expect(normalizeChatText('<b>hi</b>')).toBe('<b>hi</b>');
  });
});

describe('ChatText', () => {
  it('refuses empty and too long messages, counting after normalising', () => {
    expect(ChatText.safeParse(' \n\t ').success).toBe(false);
    expect(ChatText.safeParse('x'.repeat(MAX_CHAT_MESSAGE_CHARS + 1)).success).toBe(false);
    expect(ChatText.parse(`${'x'.repeat(MAX_CHAT_MESSAGE_CHARS)}   `)).toHaveLength(MAX_CHAT_MESSAGE_CHARS);
  });
});

describe('chatTextSegments', () => {
  it('turns http(s) and www links into links, leaving sentence punctuation outside', () => {
    expect(chatTextSegments('See https://jobs.kz/a?b=1. Or www.hh.kz!')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://jobs.kz/a?b=1', href: 'https://jobs.kz/a?b=1' },
      { kind: 'text', text: '. Or ' },
      { kind: 'link', text: 'www.hh.kz', href: 'https://www.hh.kz/' },
      { kind: 'text', text: '!' },
    ]);
  });
  it('never makes a link of other schemes', () => {
    const segments = chatTextSegments('javascript:alert(1) data:text/html,<x> http://intranet');
    expect(segments.every((s) => s.kind === 'text')).toBe(true);
  });
});

describe('chatPreview', () => {
  it('is one line and cut with an ellipsis', () => {
    expect(chatPreview('a\n b')).toBe('a b');
    expect(chatPreview('y'.repeat(500))).toHaveLength(140);
  });
});
