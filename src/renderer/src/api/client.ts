import type {
  IpcClient,
  IpcEventName,
  IpcEventPayload,
  RendererBridge,
  RpcResult,
} from '../../../shared/contract/ipc';
import { ApiCallError, BridgeDisconnectedError } from './errors';

/**
 * Builds the renderer's typed client over a bridge. `client['session.login'](input)` resolves
 * with the method's output or rejects with an {@link ApiCallError}; nothing else is ever thrown.
 *
 * A Proxy (rather than one function per contract entry) keeps the runtime contract — and zod —
 * out of the renderer bundle: the method set is checked by the `IpcClient` type alone.
 */
export function createIpcClient(bridge: RendererBridge): IpcClient {
  const cache = new Map<string, (input: unknown) => Promise<unknown>>();
  return new Proxy({} as IpcClient, {
    get(_target, property) {
      // Never look like a thenable or expose symbols: `await client` must not call `invoke('then')`.
      if (typeof property !== 'string' || property === 'then') return undefined;
      let call = cache.get(property);
      if (!call) {
        call = (input: unknown) => invokeOrThrow(bridge, property, input);
        cache.set(property, call);
      }
      return call;
    },
  });
}

async function invokeOrThrow(bridge: RendererBridge, method: string, input: unknown): Promise<unknown> {
  let result: RpcResult;
  try {
    result = await bridge.invoke(method, input);
  } catch (error) {
    if (error instanceof BridgeDisconnectedError) throw new ApiCallError('host_disconnected', error.message);
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiCallError('internal', `The call to the FairDesk core failed: ${detail}`);
  }
  if (result.ok) return result.value;
  throw new ApiCallError(result.error.code, result.error.message, result.error.issues ?? []);
}

/** Typed event subscription over a bridge; returns the unsubscribe function. */
export function subscribe<E extends IpcEventName>(
  bridge: RendererBridge,
  event: E,
  listener: (payload: IpcEventPayload<E>) => void,
): () => void {
  // The core validates every event payload against the contract before it leaves (core/rpc/serve).
  return bridge.on(event, (payload) => listener(payload as IpcEventPayload<E>));
}
