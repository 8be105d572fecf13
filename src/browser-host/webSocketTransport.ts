import WebSocket, { type WebSocketServer } from 'ws';
import { RpcRequest, type IpcEventName, type RpcResponse, type RpcResult } from '../shared/contract/ipc';
import type { CoreLogger } from '../core/logger';
import type { RpcTransport } from '../core/rpc/transport';

/** Answer id used when a frame is too broken to carry one. */
const UNKNOWN_ID = -1;

/**
 * The RPC transport of the browser host: JSON text frames over the loopback WebSocket.
 * A request frame is an `RpcRequest` and gets exactly one `RpcResponse` with the same id; events
 * go to every connected page as `{event, payload}`. A malformed frame gets a `bad_request`
 * answer and never takes the host down. Connections reach this class only after the host checked
 * the secret and the Origin.
 */
export class WebSocketRpcTransport implements RpcTransport {
  private handler: ((method: string, input: unknown) => Promise<RpcResult>) | null = null;

  constructor(
    private readonly wss: WebSocketServer,
    private readonly logger: CoreLogger,
  ) {
    wss.on('connection', (ws) => this.accept(ws));
  }

  onRequest(handler: (method: string, input: unknown) => Promise<RpcResult>): void {
    this.handler = handler;
  }

  emit(event: IpcEventName, payload: unknown): void {
    const frame = JSON.stringify({ event, payload });
    for (const client of this.wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(frame);
    }
  }

  private accept(ws: WebSocket): void {
    ws.on('message', (data, isBinary) => void this.answer(ws, data, isBinary));
    ws.on('error', (error) => this.logger.warn({ error: error.message }, 'browser host websocket error'));
  }

  private async answer(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean): Promise<void> {
    const response = await this.respond(data, isBinary);
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(response));
  }

  private async respond(data: WebSocket.RawData, isBinary: boolean): Promise<RpcResponse> {
    const refuse = (id: number, message: string): RpcResponse => ({ id, ok: false, error: { code: 'bad_request', message } });
    if (isBinary) return refuse(UNKNOWN_ID, 'Frames must be JSON text.');
    let json: unknown;
    try {
      json = JSON.parse(rawToString(data));
    } catch {
      return refuse(UNKNOWN_ID, 'The frame is not valid JSON.');
    }
    const request = RpcRequest.safeParse(json);
    if (!request.success) {
      const id = (json as { id?: unknown } | null)?.id;
      return refuse(Number.isInteger(id) ? (id as number) : UNKNOWN_ID, 'Expected a request {id, method, input}.');
    }
    const { id, method, input } = request.data;
    if (!this.handler) {
      return { id, ok: false, error: { code: 'internal', message: 'The app is still starting. Try again in a moment.' } };
    }
    return { id, ...(await this.handler(method, input)) };
  }
}

function rawToString(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
