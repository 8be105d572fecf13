import { ipcEvents, type IpcEventName, type IpcEventPayload } from '../../shared/contract/ipc';
import { dispatch, type DispatchOptions, type HandlerTable } from './handlerTable';
import type { RpcTransport } from './transport';

/** Typed event sink handed to core services; validates payloads so a bad event never leaves the core. */
export type EventEmitterFn = <E extends IpcEventName>(event: E, payload: IpcEventPayload<E>) => void;

/** Serves `table` over `transport` and returns the typed emitter for events. */
export function serve(table: HandlerTable, transport: RpcTransport, options: DispatchOptions = {}): EventEmitterFn {
  transport.onRequest((method, input) => dispatch(table, method, input, options));
  return (event, payload) => {
    transport.emit(event, ipcEvents[event].parse(payload));
  };
}
