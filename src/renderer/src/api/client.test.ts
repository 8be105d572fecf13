import { describe, expect, it, vi } from 'vitest';
import type { RendererBridge, RpcResult } from '../../../shared/contract/ipc';
import { createIpcClient, subscribe } from './client';
import { ApiCallError, BridgeDisconnectedError } from './errors';

function bridgeAnswering(answer: (method: string, input: unknown) => Promise<RpcResult>): RendererBridge & {
  invoke: ReturnType<typeof vi.fn>;
} {
  return { invoke: vi.fn(answer), on: vi.fn(() => () => undefined) };
}

const moderator = {
  id: '6f1f7a52-0a4c-4a57-9d0c-8c3c6f0f6b11',
  email: 'moderator@fairdesk.demo',
  displayName: 'Aigerim Nurlanovna',
  role: 'moderator' as const,
  centreId: '0b7d2a53-3d47-4a0e-a3a5-0f1d9b2f7c22',
  employerId: null,
  locale: 'ru' as const,
};

describe('createIpcClient', () => {
  it('sends the method name and input through the bridge and returns the value', async () => {
    const session = { user: moderator, serverUrl: 'http://127.0.0.1:4400', expiresAt: 1_900_000_000_000 };
    const bridge = bridgeAnswering(async () => ({ ok: true, value: session }));
    const api = createIpcClient(bridge);

    const input = { serverUrl: 'http://127.0.0.1:4400', email: 'moderator@fairdesk.demo', password: 'pw' };
    await expect(api['session.login'](input)).resolves.toEqual(session);
    expect(bridge.invoke).toHaveBeenCalledWith('session.login', input);
  });

  it('throws ApiCallError with the code, message and field issues of a failed call', async () => {
    const bridge = bridgeAnswering(async () => ({
      ok: false,
      error: {
        code: 'bad_request',
        message: 'Invalid input for session.login.',
        issues: [{ path: 'email', message: 'Required' }],
      },
    }));
    const api = createIpcClient(bridge);

    const error = await api['session.login']({ serverUrl: 'x', email: '', password: 'p' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    const callError = error as ApiCallError;
    expect(callError.code).toBe('bad_request');
    expect(callError.message).toBe('Invalid input for session.login.');
    expect(callError.issueFor('email')).toBe('Required');
    expect(callError.issueFor('password')).toBeUndefined();
  });

  it('reports a dropped link to the core as host_disconnected', async () => {
    const bridge = bridgeAnswering(async () => {
      throw new BridgeDisconnectedError();
    });
    const error = await createIpcClient(bridge)['fairs.list']().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiCallError', code: 'host_disconnected' });
  });

  it('wraps any other bridge failure as an internal ApiCallError', async () => {
    const bridge = bridgeAnswering(async () => {
      throw new Error('channel destroyed');
    });
    const error = await createIpcClient(bridge)['app.info']().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'internal' });
    expect((error as Error).message).toContain('channel destroyed');
  });

  it('is not a thenable, so awaiting the client itself never calls the core', async () => {
    const bridge = bridgeAnswering(async () => ({ ok: true, value: null }));
    const api = createIpcClient(bridge);
    const awaited: unknown = await Promise.resolve(api);
    expect(awaited).toBe(api);
    expect(bridge.invoke).not.toHaveBeenCalled();
  });

  it('returns the same function for repeated property reads', () => {
    const api = createIpcClient(bridgeAnswering(async () => ({ ok: true, value: [] })));
    expect(api['fairs.list']).toBe(api['fairs.list']);
  });
});

describe('subscribe', () => {
  it('registers on the bridge by event name and forwards payloads', () => {
    let registered: ((payload: unknown) => void) | undefined;
    const unsubscribe = vi.fn();
    const bridge: RendererBridge = {
      invoke: vi.fn(),
      on: vi.fn((event: string, listener: (payload: unknown) => void) => {
        expect(event).toBe('sync.status');
        registered = listener;
        return unsubscribe;
      }),
    };
    const seen: unknown[] = [];
    const off = subscribe(bridge, 'sync.status', (status) => seen.push(status.state));
    registered?.({ state: 'syncing', lastSyncedAt: null, pending: 0, message: null });
    expect(seen).toEqual(['syncing']);
    off();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});
