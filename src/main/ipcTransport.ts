import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { IpcEventName, RpcResult } from '../shared/contract/ipc';
import type { RpcTransport } from '../core/rpc/transport';
import { isAppUrl, type AppLocation } from './security';

/** Channel names; the preload uses the same two strings. */
export const RPC_CHANNEL = 'rpc';
export const RPC_EVENT_CHANNEL = 'rpc:event';

/**
 * Electron's RPC transport: ONE `ipcMain.handle('rpc', (event, method, input))` for every method,
 * and `webContents.send('rpc:event', {event, payload})` for events. Calls are answered only when
 * they come from the main frame of one of our own windows (the app window, a video window) showing
 * the app itself; anything else (an iframe, a page navigated elsewhere, another WebContents) gets
 * `forbidden`. Events go to every one of our windows.
 */
export function createIpcTransport(
  ipcMain: IpcMain,
  currentWindows: () => BrowserWindow[],
  location: AppLocation,
): RpcTransport {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return (
      currentWindows().some((window) => !window.isDestroyed() && event.sender.id === window.webContents.id) &&
      frame !== null &&
      frame.parent === null &&
      isAppUrl(frame.url, location)
    );
  };
  return {
    onRequest(handler) {
      ipcMain.removeHandler(RPC_CHANNEL);
      ipcMain.handle(RPC_CHANNEL, async (event, method: unknown, input: unknown): Promise<RpcResult> => {
        if (!trusted(event)) {
          return { ok: false, error: { code: 'forbidden', message: 'This page may not use the FairDesk API.' } };
        }
        if (typeof method !== 'string') {
          return { ok: false, error: { code: 'bad_request', message: 'The method name must be a string.' } };
        }
        return handler(method, input);
      });
    },
    emit(event: IpcEventName, payload: unknown) {
      for (const window of currentWindows()) {
        if (!window.isDestroyed()) window.webContents.send(RPC_EVENT_CHANNEL, { event, payload });
      }
    },
  };
}
