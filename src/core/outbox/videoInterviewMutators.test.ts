import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { syncCounts } from '../cache/localRecords';
import { RpcError } from '../rpc/handlerTable';
import { changeHarness, type ChangeHarness } from '../testing/changeHarness';
import { employerId, makeUser } from '../testing/fixtures';

const manager = makeUser({ role: 'employer_manager', centreId: null, employerId, displayName: 'Timur Manager' });
const moderator = makeUser({ role: 'moderator' });

async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
  return error.code;
}

/**
 * The note after a video call: the desktop holds no interviews, so it checks what it can (an
 * employer's user, the note's length) and queues the rest for the server to decide.
 */
describe('saveVideoNote (outbox)', () => {
  let h: ChangeHarness;
  afterEach(async () => {
    await h.close();
  });

  it('queues the note about the interview (no cached record changes) and counts it as waiting', async () => {
    h = await changeHarness(manager);
    const id = randomUUID();
    expect(await h.changes.saveVideoNote({ id, note: 'Knows the routes.' })).toEqual({ note: 'Knows the routes.' });
    expect(await h.changes.saveVideoNote({ id, note: '' })).toEqual({ note: '' });
    expect(await h.outbox()).toEqual([
      { mutationId: 1, name: 'saveVideoNote', args: { id, note: 'Knows the routes.' }, recordId: id },
      { mutationId: 2, name: 'saveVideoNote', args: { id, note: '' }, recordId: id },
    ]);
    expect((await h.cache.read(syncCounts)).pending).toBe(2);
    expect(h.events).toEqual([
      { event: 'cache.changed', payload: { entities: [] } },
      { event: 'cache.changed', payload: { entities: [] } },
    ]);
  });

  it('refuses, queueing nothing, a note over 4,000 characters and a moderator’s note', async () => {
    h = await changeHarness(manager);
    const id = randomUUID();
    expect(await refusal(h.changes.saveVideoNote({ id, note: 'x'.repeat(4001) }))).toBe('bad_request');
    expect(await h.changes.saveVideoNote({ id, note: 'x'.repeat(4000) })).toEqual({ note: 'x'.repeat(4000) });
    expect((await h.outbox()).map((e) => e.mutationId)).toEqual([1]);
    await h.close();

    h = await changeHarness(moderator);
    expect(await refusal(h.changes.saveVideoNote({ id, note: 'Moderator' }))).toBe('forbidden');
    expect(await h.outbox()).toEqual([]);
  });
});
