import type { z } from 'zod';
import { ApiErrorBody } from '../shared/api/errors';
import { UploadResponse, routes } from '../shared/api/http';
import { FILE_NAME_HEADER } from '../shared/domain/uploads';

/**
 * Calls of the portal API. The session is an httpOnly cookie the browser sends by itself; answers
 * are checked with the shared schemas, and failures become `PortalApiError` carrying the server's
 * own message (already written for the candidate) or a `network` / `unexpected` reason.
 */
export class PortalApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    readonly reason: 'server' | 'network' | 'unexpected',
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PortalApiError';
  }
}

async function readError(response: Response): Promise<PortalApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = ApiErrorBody.safeParse(body);
  return parsed.success
    ? new PortalApiError(response.status, 'server', parsed.data.error.message, parsed.data.error.code)
    : new PortalApiError(response.status, 'unexpected', `The server answered ${response.status}.`);
}

/** One JSON call; `schema` null for answers without a body (204). */
export async function portalCall<S extends z.ZodType>(
  method: string,
  path: string,
  schema: S,
  body?: unknown,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw new PortalApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await readError(response);
  if (response.status === 204) return schema.parse(undefined);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new PortalApiError(response.status, 'unexpected', 'The server sent something that is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new PortalApiError(response.status, 'unexpected', 'The server sent an answer in an unexpected shape.');
  return parsed.data;
}

/** Fills a route's `:param`. */
export const pathOf = (template: string, params: Record<string, string>): string =>
  template.replace(/:([A-Za-z]+)/g, (_m, key: string) => encodeURIComponent(params[key] ?? ''));

/**
 * Uploads a resume through the content-checked upload route, reporting progress (0–100). Uses
 * XMLHttpRequest because fetch() has no upload progress.
 */
export function uploadResume(file: File, onProgress: (percent: number) => void): { done: Promise<z.infer<typeof UploadResponse>>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<z.infer<typeof UploadResponse>>((resolve, reject) => {
    xhr.open('POST', pathOf(routes.uploadCreate.path, { kind: 'resume' }));
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader(FILE_NAME_HEADER, encodeURIComponent(file.name));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new PortalApiError(0, 'network', 'The upload was interrupted.'));
    xhr.onabort = () => reject(new PortalApiError(0, 'network', 'The upload was cancelled.'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = UploadResponse.safeParse(body);
        if (parsed.success) resolve(parsed.data);
        else reject(new PortalApiError(xhr.status, 'unexpected', 'The server sent an answer in an unexpected shape.'));
        return;
      }
      const error = ApiErrorBody.safeParse(body);
      reject(
        error.success
          ? new PortalApiError(xhr.status, 'server', error.data.error.message, error.data.error.code)
          : new PortalApiError(xhr.status, 'unexpected', `The server answered ${xhr.status}.`),
      );
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
