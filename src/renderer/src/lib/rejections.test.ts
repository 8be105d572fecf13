import { describe, expect, it } from 'vitest';
import type { Rejection } from '../../../shared/contract/ipc';
import { mergeRejection } from './rejections';

function rejection(mutationId: number, decidedAt: number): Rejection {
  return {
    mutationId,
    status: 'rejected',
    code: 'state_changed',
    message: 'The employer withdrew this application at 14:02.',
    recordId: null,
    decidedAt,
    mutationName: 'decidePreApplication',
    recordLabel: '20310514-1 KazLogistics LLP',
  };
}

describe('mergeRejection', () => {
  it('keeps one entry per mutation, newest first', () => {
    let list = mergeRejection([], rejection(3, 300));
    list = mergeRejection(list, rejection(5, 500));
    list = mergeRejection(list, rejection(5, 500));
    list = mergeRejection(list, rejection(4, 500));
    expect(list.map((r) => r.mutationId)).toEqual([5, 4, 3]);
  });
});
