import { describe, expect, it } from 'vitest';
import { EXIT_AFTER_PERSIST_CODE, exitAfterPersistHook } from './testHooks';

describe('exitAfterPersistHook', () => {
  const exits: number[] = [];
  const exit = (code: number): never => {
    exits.push(code);
    return undefined as never;
  };

  it('exits with 75 on a body containing the marker, only under NODE_ENV=test', () => {
    exitAfterPersistHook({ NODE_ENV: 'test', FAIRDESK_TEST_CHAT_EXIT_AFTER_PERSIST: 'BOOM' }, exit)('no marker here');
    expect(exits).toEqual([]);
    exitAfterPersistHook({ NODE_ENV: 'test', FAIRDESK_TEST_CHAT_EXIT_AFTER_PERSIST: 'BOOM' }, exit)('say BOOM now');
    expect(exits).toEqual([EXIT_AFTER_PERSIST_CODE]);
    exitAfterPersistHook({ NODE_ENV: 'production', FAIRDESK_TEST_CHAT_EXIT_AFTER_PERSIST: 'BOOM' }, exit)('say BOOM now');
    exitAfterPersistHook({ NODE_ENV: 'test' }, exit)('say BOOM now');
    expect(exits).toEqual([75]);
  });
});
