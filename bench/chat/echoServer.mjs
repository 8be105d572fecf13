// @ts-check
/**
 * The chat benchmark's baseline: a bare socket.io relay in its own process, as small as a chat
 * server can be — no authentication, no validation, no storage. A client names its rooms in the
 * handshake (`auth: { rooms }`); `chat:send {conversationId, id, body, to}` is acked at once and
 * broadcast as a `chat:message` to the rooms in `to` (the candidate's and the employer's, the same
 * rooms and so the same fan-out as FairDesk's `chat:message`).
 *
 * Prints `{"msg":"listening","url":…}` on stdout (the line serverProcess.ts waits for); stops on SIGTERM.
 */
import http from 'node:http';
import { Server } from 'socket.io';

const server = http.createServer();
const io = new Server(server, { serveClient: false });
let seq = 0;

io.on('connection', (socket) => {
  const rooms = /** @type {{ rooms?: unknown }} */ (socket.handshake.auth).rooms;
  if (Array.isArray(rooms)) void socket.join(rooms.filter((r) => typeof r === 'string'));
  socket.on('chat:send', (/** @type {any} */ request, /** @type {(answer: unknown) => void} */ ack) => {
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
    ack({ ok: true, value: { message } });
    io.to(request.to).emit('chat:message', message);
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
