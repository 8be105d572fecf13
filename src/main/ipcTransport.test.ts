import type { BrowserWindow, IpcMain } from 'electron';
import { describe, expect, it } from 'vitest';
import type { RpcResult } from '../shared/contract/ipc';
import { createIpcTransport, RPC_CHANNEL, RPC_EVENT_CHANNEL } from './ipcTransport';
import type { AppLocation } from './security';

const location: AppLocation = { kind: 'file', indexHtml: '/opt/fairdesk/out/renderer/index.html' };
const appUrl = 'file:///opt/fairdesk/out/renderer/index.html#/video-interviews/1/call?window=video';

type Handler = (event: unknown, method: unknown, input: unknown) => Promise<RpcResult>;

/** A window as the transport sees it: its WebContents id, what it was sent, whether it is gone. */
function fakeWindow(id: number) {
  const sent: unknown[] = [];
  const window = {
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
    webContents: { id, send: (channel: string, message: unknown) => sent.push([channel, message]) },
  };
  return { window, sent, asBrowserWindow: window as unknown as BrowserWindow };
}

function serve(windows: () => BrowserWindow[]) {
  let handler: Handler | null = null;
  const ipcMain = {
    handle: (channel: string, h: Handler) => {
      if (channel === RPC_CHANNEL) handler = h;
    },
    removeHandler: () => undefined,
  } as unknown as IpcMain;
  const transport = createIpcTransport(ipcMain, windows, location);
  transport.onRequest(async (method) => ({ ok: true, value: method }));
  const call = (senderId: number, frame: { url: string; parent: unknown } = { url: appUrl, parent: null }) => {
    if (!handler) throw new Error('the transport registered no handler');
    return handler({ sender: { id: senderId }, senderFrame: frame }, 'videoInterviews.list', undefined);
  };
  return { transport, call };
}

describe('the IPC transport with a video window', () => {
  it('answers the app window and the video windows, and nothing else', async () => {
    const main = fakeWindow(1);
    const video = fakeWindow(2);
    const { call } = serve(() => [main.asBrowserWindow, video.asBrowserWindow]);
    expect(await call(1)).toEqual({ ok: true, value: 'videoInterviews.list' });
    expect(await call(2)).toEqual({ ok: true, value: 'videoInterviews.list' });
    expect(await call(3)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(2, { url: 'https://evil.example/', parent: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(2, { url: appUrl, parent: {} })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    video.window.destroyed = true;
    expect(await call(2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('sends events to every open window (the call window hears `videoInterviews.changed` too)', () => {
    const main = fakeWindow(1);
    const video = fakeWindow(2);
    const closed = fakeWindow(3);
    closed.window.destroyed = true;
    const { transport } = serve(() => [main.asBrowserWindow, video.asBrowserWindow, closed.asBrowserWindow]);
    transport.emit('videoInterviews.changed', {});
    const message = [RPC_EVENT_CHANNEL, { event: 'videoInterviews.changed', payload: {} }];
    expect(main.sent).toEqual([message]);
    expect(video.sent).toEqual([message]);
    expect(closed.sent).toEqual([]);
  });
});
