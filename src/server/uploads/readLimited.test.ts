import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IMAGE_UPLOAD } from '../../shared/domain/uploads';
import { readLimited, StreamTooLargeError } from './readLimited';

const CHUNK = 64 * 1024;

/** A lazy stream of `total` bytes that counts how many it was asked to produce. */
function countingStream(total: number): { stream: Readable; produced: () => number } {
  let produced = 0;
  const stream = new Readable({
    highWaterMark: CHUNK,
    read() {
      if (produced >= total) {
        this.push(null);
        return;
      }
      const size = Math.min(CHUNK, total - produced);
      produced += size;
      this.push(Buffer.alloc(size, 1));
    },
  });
  return { stream, produced: () => produced };
}

describe('readLimited', () => {
  it('refuses a 50 MB stream at the 5 MB limit without reading the rest', async () => {
    const { stream, produced } = countingStream(50 * 1024 * 1024);
    await expect(readLimited(stream, IMAGE_UPLOAD.maxBytes)).rejects.toBeInstanceOf(StreamTooLargeError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // It stopped at limit + 1: at most the limit plus what the stream had buffered ahead.
    expect(produced()).toBeLessThan(IMAGE_UPLOAD.maxBytes + 4 * CHUNK);
    expect(stream.isPaused()).toBe(true);
  });

  it('returns every byte of a stream within the limit, also exactly at it', async () => {
    const { stream } = countingStream(IMAGE_UPLOAD.maxBytes);
    const bytes = await readLimited(stream, IMAGE_UPLOAD.maxBytes);
    expect(bytes.length).toBe(IMAGE_UPLOAD.maxBytes);
    expect(bytes.every((b) => b === 1)).toBe(true);
  });

  it('passes a stream error on', async () => {
    const stream = new Readable({ read() { this.destroy(new Error('socket reset')); } });
    await expect(readLimited(stream, 10)).rejects.toThrow('socket reset');
  });
});
