/**
 * The one way the pages call the API: same-origin fetch (the session cookie rides along),
 * `Accept-Language` set to the page's language so error messages come back in it, and a
 * result that is a value, never a thrown exception.
 */
import type { Lang } from '../i18n/lang.js';
import type { ApiErrorBody } from './types.js';

export type ApiResult<T> =
  | { kind: 'ok'; status: number; data: T; headers: Headers }
  | { kind: 'error'; status: number; error: ApiErrorBody; headers: Headers }
  | { kind: 'network' };

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT';
  /** Sent as JSON. State-changing requests must carry a JSON body (SPEC §8, CSRF). */
  body?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads `{ error: { code, message, details } }`; anything else becomes `unknown_error` with no message. */
function readErrorBody(body: unknown): ApiErrorBody {
  const error = isRecord(body) ? body.error : undefined;
  if (!isRecord(error)) return { code: 'unknown_error', message: '' };
  return {
    code: typeof error.code === 'string' ? error.code : 'unknown_error',
    message: typeof error.message === 'string' ? error.message : '',
    details: isRecord(error.details) ? error.details : undefined,
  };
}

export async function apiRequest<T>(
  lang: Lang,
  path: string,
  request: ApiRequest = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { kind: 'network' };
  }

  const text = await response.text().catch(() => '');
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }

  if (response.ok) return { kind: 'ok', status: response.status, data: body as T, headers: response.headers };
  return { kind: 'error', status: response.status, error: readErrorBody(body), headers: response.headers };
}
