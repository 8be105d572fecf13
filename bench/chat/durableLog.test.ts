import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aWhile, watch } from '../../src/server/db/testPromises';

interface DurableLog {
  append(line: string): Promise<void>;
}

/** A sync the test lets finish (with the real fdatasync) or fail. */
interface HeldSync {
  release(): void;
  fail(error: Error): void;
}

const realFdatasync = fs.fdatasync.bind(fs);

// The durable relay is the yardstick FairDesk's durable acks are read against (chatBench.ts): it
// must wait for the disk exactly as WalFlusher does, or the yardstick flatters or wrongs FairDesk.
describe('durableLog (bench/chat): a line answered only after an fdatasync that began after its write', () => {
  let dir: string;
  let file: string;
  let held: HeldSync[];
  let log: DurableLog;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-durable-log-'));
    file = path.join(dir, 'durable.log');
    held = [];
    vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, done: (err: NodeJS.ErrnoException | null) => void) => {
      held.push({ release: () => realFdatasync(fd, done), fail: (error) => done(error) });
    }) as typeof fs.fdatasync);
    const { durableLog } = (await import(pathToFileURL(path.join(__dirname, 'durableLog.mjs')).href)) as { durableLog: (file: string) => DurableLog };
    log = durableLog(file);
  });
  afterEach(() => {
    held.forEach((sync) => sync.release());
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the line in place at once and answers it only when its sync is done', async () => {
    const first = watch(log.append('{"seq":1}'));
    expect(fs.readFileSync(file).subarray(0, 10).toString()).toBe('{"seq":1}\n');
    // Preallocated: the sync never has to write the file's size.
    expect(fs.statSync(file).size).toBe(8 * 1024 * 1024);
    expect(held).toHaveLength(1);
    await aWhile();
    expect(first.settled()).toBe(false);
    held[0]?.release();
    await first.done;
  });

  it('makes lines written during a sync wait for the next one, which all of them share', async () => {
    const first = watch(log.append('a'));
    const during = [watch(log.append('b')), watch(log.append('c'))];
    expect(held).toHaveLength(1);
    held[0]?.release();
    await first.done;
    await vi.waitFor(() => expect(held).toHaveLength(2));
    await aWhile();
    expect(during.some((line) => line.settled())).toBe(false);
    held[1]?.release();
    await Promise.all(during.map((line) => line.done));
    expect(held).toHaveLength(2);
  });

  it('fails the lines a failed sync covered, and syncs again for the next line', async () => {
    const lost = watch(log.append('a'));
    held[0]?.fail(new Error('EIO'));
    await expect(lost.done).rejects.toThrow('EIO');
    const next = watch(log.append('b'));
    expect(held).toHaveLength(2);
    held[1]?.release();
    await next.done;
  });
});
