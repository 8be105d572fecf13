import type { Readable } from 'node:stream';

/** Thrown by `readLimited` when the stream carries more than `limit` bytes. */
export class StreamTooLargeError extends Error {
  override name = 'StreamTooLargeError';
  constructor(readonly limit: number) {
    super(`stream exceeds ${limit} bytes`);
  }
}

/**
 * Reads a stream into memory, but never more than `limit` bytes: as soon as byte `limit + 1`
 * arrives it stops (pauses the stream and drops what it had) and rejects with
 * `StreamTooLargeError`. So a 50 MB body against a 5 MB limit costs at most 5 MB plus one chunk.
 * The stream is paused, not destroyed: for an HTTP request, destroying would cut the connection
 * before the 413 answer could be sent; the caller decides what happens to the rest.
 */
export function readLimited(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let total = 0;
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buffer.length;
      if (total > limit) {
        cleanup();
        stream.pause();
        chunks = [];
        reject(new StreamTooLargeError(limit));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const onAborted = (): void => onError(new Error('the upload was interrupted'));
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.once('aborted', onAborted);
  });
}
