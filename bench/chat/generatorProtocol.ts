/**
 * The messages between the chat benchmark (parent) and its load generator (loadGenerator.mjs, a
 * plain-JavaScript child process over Node's IPC channel). Typed here, on the parent's side; the
 * child follows them by hand (it runs with `node` alone).
 */

/** One conversation of the bench: a candidate (portal session) and the manager who answers it. */
export interface ChatPair {
  employerId: string;
  managerUserId: string;
  /** Desktop bearer token (socket handshake `auth: { token }`). */
  managerToken: string;
  candidateId: string;
  /** Portal session token (socket handshake `Cookie: fairdesk_candidate=…`). */
  candidateToken: string;
}

/**
 * `echo`: the bare relay (echoServer.mjs) — clients name their rooms in the handshake, a send names
 * its target rooms. `fairdesk`: the real server — real authentication, `chat:open` + `chat:claim`
 * make the conversations, sends carry only `{conversationId, id, body}`.
 */
export type TargetKind = 'echo' | 'fairdesk';

export interface ConnectRequest {
  kind: 'connect';
  target: TargetKind;
  url: string;
  pairs: ChatPair[];
  fairId: string;
  cookieName: string;
  /** Sockets connecting at the same time (handshakes are authenticated against the database). */
  concurrency: number;
}

export interface StepRequest {
  kind: 'step';
  /** Aggregate messages per second over all pairs, sent open-loop on a fixed schedule. */
  rate: number;
  count: number;
  /** Longest wait for the last deliveries after the last send. */
  drainMs: number;
}

export type GeneratorRequest = (ConnectRequest | StepRequest | { kind: 'close' }) & { id: number };

/** Latency summary in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface StepResult {
  rate: number;
  sent: number;
  /** Acks with `ok: true`. */
  acked: number;
  /** Acks with `ok: false` or timed out, by code. */
  errors: Record<string, number>;
  /** Broadcasts that reached the intended receiver (the other side of the pair). */
  delivered: number;
  /** Acked but not delivered to the receiver within the drain time. */
  undelivered: number;
  /** After the drain, the wait for the last acks or ack timeouts (10 s at most). */
  quiesceMs: number;
  /** Then the wait until the server acks a lone probe message promptly again (its backlog gone). */
  settleMs: number;
  /** From the first send to the last send (how well the generator kept its schedule). */
  sendSpanMs: number;
  /** From the first send to the last delivery. */
  spanMs: number;
  /** Emit → the partner's `chat:message`. */
  delivery: LatencySummary;
  /** Every delivery latency of the step (ms), so steps of several rounds can be pooled. */
  deliverySamples: number[];
  /** Emit → ack (FairDesk: persisted). */
  ack: LatencySummary;
  /** Event-loop utilisation of the generator during the step (near 1: the generator was the bottleneck). */
  generatorElu: number;
  /** Bytes of one delivered `chat:message` payload as JSON (each recipient's socket is written about this much). */
  messageBytes: number;
  /** Client sockets disconnected so far in this generator (should stay 0). */
  disconnects: number;
}

export interface ConnectResult {
  sockets: number;
  connectMs: number;
  /** FairDesk: time to open and claim every conversation. */
  prepareMs: number;
}

export type GeneratorResponse =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: string };
