import type { IpcEventName, RpcResult } from '../../src/shared/contract/ipc';

/** Messages between the simulation and driver.mjs (one desktop core per child process). */
export type DriverCommand =
  | { kind: 'call'; id: number; method: string; input?: unknown }
  | { kind: 'memory'; id: number }
  | { kind: 'resetPeak'; id: number }
  | { kind: 'close'; id: number };

export interface MemoryReport {
  kind: 'memory';
  id: number;
  peakRss: number;
  peakHeap: number;
  /** Highest heap still used after a forced full collection; 0 unless the client runs with --expose-gc. */
  peakLiveHeap?: number;
  rss: number;
  heapUsed: number;
}

export type DriverMessage =
  | { kind: 'ready'; pid: number }
  | { kind: 'result'; id: number; result: RpcResult }
  | MemoryReport
  | { kind: 'closed'; id: number }
  | { kind: 'event'; event: IpcEventName; payload: unknown };
