/**
 * One error type with a stable `code`; one handler turns every error into
 * `{ error: { code, message, details? } }` with the message in the request's language (SPEC §9).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { storeUnavailability } from './db/store-errors.js';
import { type Language, negotiateLanguage } from './i18n/language.js';
import { type ErrorCode, formatMessage } from './i18n/messages.js';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly options: {
      /** A more specific message for the same code (e.g. why an account is disabled). */
      messageKey?: ErrorCode;
      params?: Record<string, string | number> | ((lang: Language) => Record<string, string | number>);
      details?: Record<string, unknown> | ((lang: Language) => Record<string, unknown>);
      headers?: Record<string, string>;
    } = {},
  ) {
    super(code);
  }
}

/** `assertThat(cond, error)` — the rule reads as a sentence (logto's habit). */
export function assertThat(condition: unknown, error: AppError | (() => AppError)): asserts condition {
  if (!condition) throw typeof error === 'function' ? error() : error;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const lang = negotiateLanguage(request.headers['accept-language']);
  for (const [name, value] of Object.entries(error.options.headers ?? {})) reply.header(name, value);
  const { params, details } = error.options;
  return reply.status(error.status).send({
    error: {
      code: error.code,
      message: formatMessage(
        error.options.messageKey ?? error.code,
        lang,
        typeof params === 'function' ? params(lang) : params,
      ),
      ...(details ? { details: typeof details === 'function' ? details(lang) : details } : {}),
    },
  });
}

/**
 * The validators' and Fastify's own texts are English: a French answer names the fields in question
 * (machine-readable `details.issues` keep the full text) rather than mixing languages.
 */
const frenchDetail = (fields: string) => (fields ? `vérifiez ${fields}` : 'format inattendu');

function invalidRequest(englishDetail: string, status = 400, headers?: Record<string, string>) {
  return new AppError('invalid_request', status, {
    params: (lang) => ({ detail: lang === 'en' ? englishDetail : frenchDetail('') }),
    ...(headers ? { headers } : {}),
  });
}

/** Maps framework errors (bad JSON, wrong content type, oversized body, schema failures) to coded ones. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: v.message ?? 'invalid',
    }));
    const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    const fields = [...new Set(issues.map((i) => i.path).filter(Boolean))].join(', ');
    return new AppError('invalid_request', 400, {
      params: (lang) => ({ detail: lang === 'en' ? detail : frenchDetail(fields) }),
      details: { issues },
    });
  }
  const fe = error as FastifyError;
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 415);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 413);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('invalid_json', 400);
    case 'FST_ERR_VALIDATION':
      return invalidRequest(fe.message);
  }
  // PostgreSQL refusing a character of a value (invalid for its encoding): bad input, not our fault.
  const sqlState = (error as { code?: unknown })?.code;
  if (sqlState === '22021' || sqlState === '22P05')
    return new AppError('invalid_request', 400, { messageKey: 'nul_character' });
  if (fe instanceof SyntaxError || fe?.statusCode === 400) {
    return fe instanceof SyntaxError || /JSON/i.test(fe.message)
      ? new AppError('invalid_json', 400)
      : invalidRequest(fe.message);
  }
  if (fe?.statusCode === 413) return new AppError('payload_too_large', 413);
  if (fe?.statusCode === 415) return new AppError('unsupported_media_type', 415);
  // Any other refusal of the client's request by a plugin (a static file's Range or precondition,
  // say): its status and headers (Content-Range), our body — not a 500 logged as our fault.
  const status = fe?.statusCode ?? (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const headers = Object.fromEntries(
      Object.entries((error as { headers?: Record<string, unknown> })?.headers ?? {}).map(([k, v]) => [
        k,
        String(v),
      ]),
    );
    if (status === 416) return new AppError('range_not_satisfiable', 416, { headers });
    if (status === 412) return new AppError('precondition_failed', 412, { headers });
    if (status === 404) return new AppError('not_found', 404);
    return invalidRequest(String(fe?.message ?? 'bad request'), status, headers);
  }
  return undefined;
}

/** A store that cannot serve now: clients may try again in a few seconds (see db/store-errors.ts). */
const STORE_RETRY_AFTER_SECONDS = '5';

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const unavailable = storeUnavailability(error);
  if (unavailable) {
    const message = (error as Error)?.message;
    if (unavailable === 'fault') request.log.error({ err: message }, 'the store is out of order');
    else if (unavailable === 'conflict') request.log.error({ err: message }, 'transactions deadlocked');
    else request.log.warn({ err: message }, 'the store cannot serve this request now');
    return sendError(
      request,
      reply,
      new AppError('service_unavailable', 503, { headers: { 'retry-after': STORE_RETRY_AFTER_SECONDS } }),
    );
  }
  const known = toAppError(error);
  if (known) {
    // A fault of the server's own setup (e.g. a node's two-factor key): the operator must hear of it.
    if (known.status >= 500) request.log.error({ code: known.code }, 'answered with a server fault');
    return sendError(request, reply, known);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(request, reply, new AppError('internal_error', 500));
}
