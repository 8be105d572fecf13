/**
 * Everything the fault-injecting proxies saw, in one log shared by all of them: every request a
 * client sent (or the proxy injected) to the sync API, the server's answer if there was one, and
 * whether that answer reached the client. The invariant checks read only this log, the clients'
 * own reports and fresh pulls — never the server's tables — so they check the protocol, not one
 * implementation of it.
 */
export type FaultKind =
  | 'drop_request'
  | 'drop_response'
  | 'duplicate'
  | 'duplicate_concurrent'
  | 'delay'
  | 'reorder'
  | 'server_kill_mid_push'
  | 'server_kill_before_response';

export interface Exchange {
  /** Order in which the exchange was answered (or given up), across all proxies. */
  seq: number;
  /** Order in which the request reached the proxy. */
  requestSeq: number;
  /** The client label (`mod-almaty-1`, …). */
  client: string;
  method: string;
  path: string;
  authorization: string | undefined;
  requestBody: unknown;
  /** HTTP status from the server, or null when it never answered (down, killed, connection cut). */
  status: number | null;
  responseBody: unknown;
  /** True when the answer was passed on to the client. */
  delivered: boolean;
  /** True for an extra copy the proxy sent on its own (duplicate, re-ordered replay). */
  injected: boolean;
  faults: FaultKind[];
}

export class ExchangeLog {
  readonly exchanges: Exchange[] = [];
  readonly faultCounts = new Map<FaultKind, number>();
  private seq = 0;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  add(exchange: Omit<Exchange, 'seq'>): Exchange {
    const recorded = { ...exchange, seq: this.nextSeq() };
    this.exchanges.push(recorded);
    return recorded;
  }

  countFault(kind: FaultKind): void {
    this.faultCounts.set(kind, (this.faultCounts.get(kind) ?? 0) + 1);
  }

  ofClient(client: string, path?: string): Exchange[] {
    return this.exchanges.filter((e) => e.client === client && (path === undefined || e.path === path));
  }
}
