// @ts-check
/**
 * The chat benchmark's baseline: a bare socket.io relay in its own process, as small as a chat
 * server can be — no authentication, no validation, no storage. A client names its rooms in the
 * handshake (`auth: { rooms }`); `chat:send {conversationId, id, body, to}` is acked at once and
 * broadcast as a `chat:message` to the rooms in `to` (the candidate's and the employer's, the same
 * rooms and so the same fan-out as FairDesk's `chat:message`).
 *
 * Two options turn it into a yardstick for `BENCH_CHAT_VERSUS` (chatBench.ts):
 * - `ECHO_DURABLE_FILE`: each message is written to this file and acked and broadcast only after
 *   an fdatasync that began after the write (durableLog.mjs) — what keeping it across a power cut
 *   costs on this disk, with nothing else;
 * - `ECHO_CPU_MS`: each message first keeps the event loop busy for this long — work of that size
 *   done on the loop per message, whatever it is.
 *
 * Prints `{"msg":"listening","url":…}` on stdout (the line serverProcess.ts waits for); stops on SIGTERM.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { durableLog } from './durableLog.mjs';

const server = http.createServer();
const io = new Server(server, { serveClient: false });
const log = process.env['ECHO_DURABLE_FILE'] ? durableLog(process.env['ECHO_DURABLE_FILE']) : null;
const cpuMsPerMessage = Number(process.env['ECHO_CPU_MS'] ?? 0);
let seq = 0;

/** Busy on the loop for `ms`, as a server's own per-message work would be. @param {number} ms */
function spendCpu(ms) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

io.on('connection', (socket) => {
  const rooms = /** @type {{ rooms?: unknown }} */ (socket.handshake.auth).rooms;
  if (Array.isArray(rooms)) void socket.join(rooms.filter((r) => typeof r === 'string'));
  socket.on('chat:send', (/** @type {any} */ request, /** @type {(answer: unknown) => void} */ ack) => {
    if (cpuMsPerMessage > 0) spendCpu(cpuMsPerMessage);
    seq += 1;
    const message = {
      id: request.id,
      conversationId: request.conversationId,
      seq,
      authorKind: 'candidate',
      authorUserId: null,
      authorName: 'Echo',
      body: request.body,
      createdAt: Date.now(),
    };
    const deliver = () => {
      ack({ ok: true, value: { message } });
      io.to(request.to).emit('chat:message', message);
    };
    if (!log) return deliver();
    log.append(JSON.stringify(message)).then(deliver, (/** @type {unknown} */ err) => {
      ack({ ok: false, error: { code: 'internal', message: String(err), permanent: false } });
    });
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
