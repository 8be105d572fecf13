import type { IpcEventName, RpcResult } from '../../shared/contract/ipc';

/**
 * What a transport must provide to serve the handler table: a way to receive calls and a way to
 * broadcast events. Electron's ipcMain and the browser host's WebSocket both implement it.
 */
export interface RpcTransport {
  /** Registers the single entry point; the transport calls it for every request it receives. */
  onRequest(handler: (method: string, input: unknown) => Promise<RpcResult>): void;
  /** Pushes an event to every connected renderer. */
  emit(event: IpcEventName, payload: unknown): void;
}
