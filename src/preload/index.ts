import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RendererBridge, RpcEventMessage, RpcResult } from '../shared/contract/ipc';

/**
 * The renderer's only door to the app: `window.api.invoke(method, input)` and
 * `window.api.on(event, listener)` (returns an unsubscribe). Nothing else is exposed; the main
 * process validates every call against the contract. Channel names match src/main/ipcTransport.ts.
 */
const bridge: RendererBridge = {
  invoke: (method, input) => ipcRenderer.invoke('rpc', method, input) as Promise<RpcResult>,
  on: (event, listener) => {
    const forward = (_e: IpcRendererEvent, message: RpcEventMessage): void => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on('rpc:event', forward);
    return () => {
      ipcRenderer.removeListener('rpc:event', forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', bridge);
