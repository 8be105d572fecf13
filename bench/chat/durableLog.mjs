// @ts-check
import fs from 'node:fs';

/** The file's size: written once at start, then overwritten in place, as SQLite reuses its WAL. */
const RING_BYTES = 8 * 1024 * 1024;

/**
 * The least a chat server that keeps its messages across a power cut must do: write each message
 * to a file and answer it only after an `fdatasync` that began after the write. The policy is
 * FairDesk's WalFlusher's — one sync at a time; every write made while one runs shares the next —
 * on the cheapest file for it: preallocated and already written, so a sync flushes data and never
 * the file's size (as with SQLite's WAL once it is reused). No database, no format, no reading back.
 * @param {string} file
 */
export function durableLog(file) {
  const fd = fs.openSync(file, 'w+');
  fs.writeSync(fd, Buffer.alloc(RING_BYTES));
  fs.fsyncSync(fd);
  let offset = 0;
  /** The sync under way. @type {Promise<void> | null} */
  let running = null;
  /** The one queued behind it, which every write made meanwhile shares. @type {Promise<void> | null} */
  let queued = null;

  const startSync = () => {
    queued = null;
    /** @type {Promise<void>} */
    const done = new Promise((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve())));
    running = done;
    const clear = () => {
      if (running === done) running = null;
    };
    done.then(clear, clear);
    return done;
  };

  return {
    /** Writes `line`; resolves once it is on disk. @param {string} line @returns {Promise<void>} */
    append(line) {
      const bytes = Buffer.from(`${line}\n`);
      if (offset + bytes.length > RING_BYTES) offset = 0;
      fs.writeSync(fd, bytes, 0, bytes.length, offset);
      offset += bytes.length;
      if (!running) return startSync();
      // The running sync may have begun before this write: wait for the next one, shared.
      queued ??= running.then(startSync, startSync);
      return queued;
    },
  };
}
