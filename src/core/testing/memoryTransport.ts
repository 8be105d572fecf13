import type { IpcEventName, RpcEventMessage, RpcResult } from '../../shared/contract/ipc';
import type { RpcTransport } from '../rpc/transport';

/**
 * An in-process transport for tests. Inputs and results go through JSON like on a real wire, so
 * a handler returning something not JSON-safe (a Date, undefined in an array) shows up here.
 */
export class MemoryTransport implements RpcTransport {
  readonly events: RpcEventMessage[] = [];
  private handler: ((method: string, input: unknown) => Promise<RpcResult>) | null = null;
  private waiters: Array<() => void> = [];

  onRequest(handler: (method: string, input: unknown) => Promise<RpcResult>): void {
    this.handler = handler;
  }

  emit(event: IpcEventName, payload: unknown): void {
    this.events.push(JSON.parse(JSON.stringify({ event, payload })) as RpcEventMessage);
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  async invoke(method: string, input?: unknown): Promise<RpcResult> {
    if (!this.handler) throw new Error('no handler attached');
    const wireInput: unknown = input === undefined ? undefined : JSON.parse(JSON.stringify(input));
    return JSON.parse(JSON.stringify(await this.handler(method, wireInput))) as RpcResult;
  }

  /** Resolves with the first event at index ≥ `since` matching `predicate` (already emitted or future). */
  waitForEvent(predicate: (message: RpcEventMessage) => boolean, since = 0): Promise<RpcEventMessage> {
    return new Promise((resolve) => {
      const check = (): void => {
        const found = this.events.slice(since).find(predicate);
        if (found) resolve(found);
        else this.waiters.push(check);
      };
      check();
    });
  }
}
