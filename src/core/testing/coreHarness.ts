import type { RpcEventMessage, RpcResult } from '../../shared/contract/ipc';
import { createCore, type Core, type CoreOptions } from '../createCore';
import { MemorySecretStore, type SecretStore } from '../secrets/secretStore';
import { MemoryTransport } from './memoryTransport';

/** A core served over a MemoryTransport, as a renderer would see it. */
export interface CoreUnderTest {
  core: Core;
  transport: MemoryTransport;
  secrets: SecretStore;
  /** Calls a method and returns the value, failing the test with the error if it was refused. */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Calls a method and returns the raw result. */
  invoke(method: string, input?: unknown): Promise<RpcResult>;
  /** Waits for a `sync.status` event with this state, emitted after index `since`. */
  syncState(state: string, since?: number): Promise<RpcEventMessage>;
}

export async function startCore(options: Partial<CoreOptions> = {}): Promise<CoreUnderTest> {
  const secrets = options.secretStore ?? new MemorySecretStore();
  const core = await createCore({
    dataDir: ':memory:',
    host: 'browser',
    appVersion: '0.0.0-test',
    defaultServerUrl: 'http://127.0.0.1:4400',
    syncIntervalMs: 3_600_000,
    ...options,
    secretStore: secrets,
  });
  const transport = new MemoryTransport();
  core.attach(transport);
  const invoke = (method: string, input?: unknown): Promise<RpcResult> => transport.invoke(method, input);
  return {
    core,
    transport,
    secrets,
    invoke,
    async call<T>(method: string, input?: unknown): Promise<T> {
      const result = await invoke(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    syncState: (state, since = 0) =>
      transport.waitForEvent((m) => m.event === 'sync.status' && (m.payload as { state: string }).state === state, since),
  };
}
