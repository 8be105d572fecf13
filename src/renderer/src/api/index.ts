import type { IpcEventName, IpcEventPayload, RendererBridge } from '../../../shared/contract/ipc';
import { createIpcClient, subscribe } from './client';
import { takeHostSecret } from './hostSecret';
import { createWebSocketBridge, rpcSocketUrl } from './webSocketBridge';

export { ApiCallError } from './errors';
export type { ClientErrorCode } from './errors';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a browser served by the browser host. */
    api?: RendererBridge;
  }
}

type ConnectionListener = (connected: boolean) => void;
let watchConnection: (listener: ConnectionListener) => () => void = () => () => undefined;

function createBridge(): RendererBridge {
  if (window.api) return window.api;
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null;
  }
  const secret = takeHostSecret({ location: window.location, history: window.history, storage }) ?? '';
  const bridge = createWebSocketBridge({ url: rpcSocketUrl(window.location, secret) });
  watchConnection = (listener) => bridge.onConnectionChange(listener);
  return bridge;
}

const bridge = createBridge();

/** The typed client of the desktop core: `await api['fairs.list']()`; failures throw `ApiCallError`. */
export const api = createIpcClient(bridge);

/** Subscribes to a core event (`'sync.status'`, `'session.changed'`); returns the unsubscribe function. */
export function onEvent<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void {
  return subscribe(bridge, event, listener);
}

/**
 * Called when the link to the core drops (`false`) or comes back (`true`). Only the browser host's
 * WebSocket can drop; in Electron the listener is never called.
 */
export function onCoreConnection(listener: ConnectionListener): () => void {
  return watchConnection(listener);
}
