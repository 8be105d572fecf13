import type { z } from 'zod';
import type { ApiError } from '../../shared/api/errors';
import {
  ipcMethods,
  type IpcMethodName,
  type IpcOutput,
  type IpcParsedInput,
  type RpcResult,
} from '../../shared/contract/ipc';

/** One async function per contract method; input already validated. */
export type HandlerTable = {
  [M in IpcMethodName]: (input: IpcParsedInput<M>) => Promise<IpcOutput<M>>;
};

/**
 * An error a handler throws on purpose: its code and message reach the user unchanged.
 * Anything else thrown is logged and reported as `internal` without internals leaking.
 */
export class RpcError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly issues?: ApiError['issues'],
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export interface DispatchOptions {
  onUnexpectedError?: (method: string, error: unknown) => void;
}

/**
 * Validates `input` against the contract, calls the handler and wraps the outcome. Never throws:
 * every transport can send the result as is.
 */
export async function dispatch(
  table: HandlerTable,
  method: string,
  input: unknown,
  options: DispatchOptions = {},
): Promise<RpcResult> {
  if (!Object.prototype.hasOwnProperty.call(ipcMethods, method)) {
    return { ok: false, error: { code: 'not_found', message: `Unknown method "${method}".` } };
  }
  const name = method as IpcMethodName;
  const spec = ipcMethods[name];
  const parsed = (spec.input as z.ZodType).safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'bad_request',
        message: `Invalid input for ${method}.`,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    };
  }
  try {
    const handler = table[name] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    if (error instanceof RpcError) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
      };
    }
    options.onUnexpectedError?.(method, error);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside the app. Details are in the log.' } };
  }
}
