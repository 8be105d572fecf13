// @ts-check
/**
 * The chat benchmark's load generator: every client socket (candidates and managers) in this one
 * process, so the sender's emit and the receiver's `chat:message` are timed on one clock. Plain
 * JavaScript on purpose (runs with `node` alone, no TypeScript loader, like tests/sim/driver.mjs);
 * the messages it exchanges with the parent are typed in generatorProtocol.ts.
 *
 * Load: open-loop — messages leave on a fixed schedule at the step's aggregate rate whatever the
 * server answers, round-robin over the pairs, alternating direction (candidate → manager, then
 * manager → candidate) on each pass, so both sides send and receive equally.
 */
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

/** @typedef {import('./generatorProtocol').ChatPair} ChatPair */
/** @typedef {import('./generatorProtocol').ConnectRequest} ConnectRequest */
/** @typedef {import('./generatorProtocol').StepRequest} StepRequest */
/** @typedef {import('socket.io-client').Socket} Socket */

/**
 * @typedef {object} Conversation
 * @property {string} id
 * @property {Socket} candidate
 * @property {Socket} manager
 * @property {string[]} to echo only: the rooms a message goes to
 */

/** As the real clients do (socket.timeout(10_000).emit): a send without an answer by then is lost. */
const ACK_TIMEOUT_MS = 10_000;
/** A server that acks a lone message this fast has no backlog left. */
const SETTLED_MS = 50;

/** @type {Socket[]} */
const sockets = [];
/** @type {Conversation[]} */
const conversations = [];
/** @type {'echo' | 'fairdesk'} */
let target = 'echo';
let disconnects = 0;

/**
 * Messages in flight: id → when it was emitted and which socket must receive it.
 * @type {Map<string, { t0: number, receiver: Socket }>}
 */
const inFlight = new Map();
/** The running step's tallies (replaced by each step). */
let tally = newTally();

function newTally() {
  return {
    /** @type {number[]} */ delivery: [],
    /** @type {number[]} */ ack: [],
    acked: 0,
    /** Sends whose ack (or ack timeout) has not come yet. */
    awaitingAck: 0,
    delivered: 0,
    failed: 0,
    /** @type {Record<string, number>} */ errors: {},
    lastDeliveryAt: 0,
    /** Size of one delivered `chat:message` payload as JSON (the packet adds the event name and framing). */
    messageBytes: 0,
    /** @type {(() => void) | null} */ onProgress: null,
  };
}

/** @param {Socket} socket */
function listen(socket) {
  socket.on('chat:message', (/** @type {any} */ payload) => {
    const id = payload?.id ?? payload?.message?.id;
    const entry = inFlight.get(id);
    if (!entry || entry.receiver !== socket) return; // the sender's own side, a co-manager, or late
    inFlight.delete(id);
    const now = performance.now();
    // One sample a step: measuring every packet would add to the latency measured.
    if (tally.messageBytes === 0) tally.messageBytes = Buffer.byteLength(JSON.stringify(payload));
    tally.delivery.push(now - entry.t0);
    tally.delivered += 1;
    tally.lastDeliveryAt = now;
    tally.onProgress?.();
  });
  socket.on('disconnect', () => {
    disconnects += 1;
  });
}

/**
 * @param {string} url
 * @param {import('socket.io-client').SocketOptions & import('socket.io-client').ManagerOptions} options
 * @returns {Promise<Socket>}
 */
function connectOne(url, options) {
  return new Promise((resolve, reject) => {
    // forceNew: one engine.io connection per client, as 1,000 separate browsers and desktops would have.
    const socket = io(url, { ...options, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 60_000 });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(new Error(`connect failed: ${err.message}`)));
  });
}

/**
 * Runs `task` over `items` with at most `limit` at a time.
 * @template T, R
 * @param {T[]} items @param {number} limit @param {(item: T, index: number) => Promise<R>} task
 * @returns {Promise<R[]>}
 */
async function pool(items, limit, task) {
  /** @type {R[]} */
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(/** @type {T} */ (items[index]), index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * @param {Socket} socket @param {string} event @param {unknown} payload
 * @returns {Promise<any>} the ack's value; throws on a refusal
 */
async function call(socket, event, payload) {
  const answer = await socket.timeout(60_000).emitWithAck(event, payload);
  if (!answer?.ok) throw new Error(`${event} refused: ${JSON.stringify(answer?.error ?? answer)}`);
  return answer.value;
}

/** @param {ConnectRequest} request */
async function connect(request) {
  target = request.target;
  const t0 = performance.now();
  const pairSockets = await pool(request.pairs, request.concurrency, async (pair) => {
    const candidate = await connectOne(
      request.url,
      target === 'fairdesk'
        ? { extraHeaders: { cookie: `${request.cookieName}=${pair.candidateToken}` } }
        : { auth: { rooms: [`candidate:${pair.candidateId}`] } },
    );
    const manager = await connectOne(
      request.url,
      target === 'fairdesk'
        ? { auth: { token: pair.managerToken } }
        : { auth: { rooms: [`user:${pair.managerUserId}`, `employer:${pair.employerId}`] } },
    );
    for (const socket of [candidate, manager]) {
      listen(socket);
      sockets.push(socket);
    }
    return { candidate, manager };
  });
  const t1 = performance.now();
  await pool(request.pairs, request.concurrency, async (pair, i) => {
    const { candidate, manager } = /** @type {{ candidate: Socket, manager: Socket }} */ (pairSockets[i]);
    let id = crypto.randomUUID();
    if (target === 'fairdesk') {
      const conversation = await call(candidate, 'chat:open', { fairId: request.fairId, employerId: pair.employerId });
      id = conversation.id;
      await call(manager, 'chat:claim', { conversationId: id });
    }
    conversations[i] = { id, candidate, manager, to: [`candidate:${pair.candidateId}`, `employer:${pair.employerId}`] };
  });
  return { sockets: sockets.length, connectMs: t1 - t0, prepareMs: performance.now() - t1 };
}

/** @param {number[]} values */
function summary(values) {
  const sorted = Float64Array.from(values).sort();
  const at = (/** @type {number} */ q) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/** @param {number} k the message's number in the step */
function send(k) {
  const conversation = /** @type {Conversation} */ (conversations[k % conversations.length]);
  const fromCandidate = Math.floor(k / conversations.length) % 2 === 0;
  const sender = fromCandidate ? conversation.candidate : conversation.manager;
  const receiver = fromCandidate ? conversation.manager : conversation.candidate;
  const id = crypto.randomUUID();
  const body = `Message ${k}: hello, is the vacancy still open? We can talk at the stand tomorrow.`;
  const payload = target === 'echo' ? { conversationId: conversation.id, id, body, to: conversation.to } : { conversationId: conversation.id, id, body };
  const step = tally;
  const t0 = performance.now();
  inFlight.set(id, { t0, receiver });
  step.awaitingAck += 1;
  sender.timeout(ACK_TIMEOUT_MS).emit('chat:send', payload, (/** @type {Error | null} */ err, /** @type {any} */ answer) => {
    step.awaitingAck -= 1;
    if (!err && answer?.ok) {
      step.acked += 1;
      step.ack.push(performance.now() - t0);
      return;
    }
    const code = err ? 'ack_timeout' : String(answer?.error?.code ?? 'malformed_ack');
    step.errors[code] = (step.errors[code] ?? 0) + 1;
    // A refused message is never broadcast: stop waiting for it.
    if (inFlight.delete(id)) {
      step.failed += 1;
      step.onProgress?.();
    }
  });
}

/**
 * Sends that timed out on our side may still be queued in the server: probes with one message at
 * a time until one is acked within SETTLED_MS, so that backlog does not spill into the next step.
 * @returns {Promise<number>} how long it took
 */
async function settle() {
  const start = performance.now();
  const conversation = /** @type {Conversation} */ (conversations[0]);
  while (performance.now() - start < 120_000) {
    const t0 = performance.now();
    const id = crypto.randomUUID();
    const body = 'Settling probe';
    const payload = target === 'echo' ? { conversationId: conversation.id, id, body, to: conversation.to } : { conversationId: conversation.id, id, body };
    await conversation.candidate.timeout(60_000).emitWithAck('chat:send', payload).catch(() => undefined);
    if (performance.now() - t0 < SETTLED_MS) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return performance.now() - start;
}

/** @param {StepRequest} request */
async function step(request) {
  inFlight.clear();
  tally = newTally();
  const current = tally;
  const eluStart = performance.eventLoopUtilization();
  const start = performance.now();
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(request.count, Math.floor(((performance.now() - start) * request.rate) / 1000) + 1);
      while (sent < due) send(sent++);
      if (sent < request.count) setTimeout(tick, 1);
      else resolve(undefined);
    };
    tick();
  });
  const lastSendAt = performance.now();
  await new Promise((resolve) => {
    const done = () => current.delivered + current.failed >= sent;
    const timer = setTimeout(resolve, request.drainMs);
    current.onProgress = () => {
      if (done()) {
        clearTimeout(timer);
        resolve(undefined);
      }
    };
    current.onProgress();
  });
  current.onProgress = null;
  const drainedAt = performance.now();
  // Every ack (or its timeout) is in before the step ends, so no backlog spills into the next step.
  while (current.awaitingAck > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  const settleMs = await settle();
  // Deliveries after the drain are not counted (their latency is reported as the drain, at least).
  const undelivered = inFlight.size;
  inFlight.clear();
  const elu = performance.eventLoopUtilization(eluStart).utilization;
  return {
    rate: request.rate,
    sent,
    acked: current.acked,
    errors: current.errors,
    delivered: current.delivered,
    undelivered,
    quiesceMs: performance.now() - drainedAt - settleMs,
    settleMs,
    sendSpanMs: lastSendAt - start,
    spanMs: (current.lastDeliveryAt || lastSendAt) - start,
    delivery: summary(current.delivery),
    deliverySamples: current.delivery,
    ack: summary(current.ack),
    generatorElu: elu,
    messageBytes: current.messageBytes,
    disconnects,
  };
}

/** @param {unknown} message */
function reply(message) {
  if (process.connected) process.send?.(message);
}

process.on('message', (/** @type {any} */ request) => {
  /** @type {Promise<unknown>} */
  const work =
    request.kind === 'connect'
      ? connect(request)
      : request.kind === 'step'
        ? step(request)
        : Promise.resolve().then(() => {
            for (const socket of sockets) socket.disconnect();
            setTimeout(() => process.exit(0), 50);
          });
  work.then(
    (value) => reply({ kind: 'result', id: request.id, ok: true, value }),
    (err) => reply({ kind: 'result', id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
reply({ kind: 'ready' });
