/**
 * What the OpenAPI document says beyond the route schemas: the answers every API route can give
 * whatever its own schema lists (the CSRF guard's 403, the body parser's 400 and 413, the per-IP
 * 429's Retry-After, the 503 of a store that cannot serve), the error codes of each status, the
 * session cookie as a security scheme, and the operations' own codes where SPEC §9 fixes them.
 * Applied once when the document is built.
 */
import type { FastifyRequest } from 'fastify';

type Responses = Record<
  string,
  { description?: string; headers?: Record<string, unknown>; content?: unknown }
>;
interface Operation {
  responses?: Responses;
  security?: Array<Record<string, string[]>>;
  [key: string]: unknown;
}
interface Document {
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

/** Codes every API route of a kind can answer, by status. */
const GENERIC: Record<string, { codes: string[]; when: (method: string) => boolean }> = {
  '400': { codes: ['invalid_request', 'invalid_json'], when: (m) => STATE_CHANGING.has(m) },
  '403': { codes: ['csrf_rejected'], when: (m) => STATE_CHANGING.has(m) },
  '413': { codes: ['payload_too_large'], when: (m) => STATE_CHANGING.has(m) },
  // The store cannot serve now (down, restarting, locked, too slow): try again (db/store-errors.ts).
  '503': { codes: ['service_unavailable'], when: () => true },
};

/** The core endpoints' own codes (SPEC §9), by `METHOD path` and status. */
const OWN_CODES: Record<string, Record<string, string[]>> = {
  'POST /api/v1/auth/login': {
    '400': ['password_too_long'],
    '401': ['invalid_credentials'],
    '403': ['account_disabled', 'property_suspended'],
    '429': ['rate_limited'],
  },
  'POST /api/v1/auth/logout': { '401': ['unauthenticated'] },
  'GET /api/v1/session': { '401': ['unauthenticated'] },
  'POST /api/v1/auth/password-reset': { '429': ['rate_limited'] },
  'POST /api/v1/account/password': {
    '400': ['invalid_current_password', 'weak_password', 'password_reused'],
    '401': ['unauthenticated'],
    '409': ['password_changed_meanwhile'],
    '429': ['rate_limited_current_password'],
  },
  'POST /api/v1/auth/password-reset/confirm': {
    '400': ['invalid_token', 'weak_password', 'password_reused'],
  },
};

const SET_COOKIE = {
  'Set-Cookie': {
    description:
      'The session cookie (`portier_session`, or `__Host-portier_session` over https): HttpOnly, SameSite=Lax',
    schema: { type: 'string' },
  },
};
const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
};

/**
 * Names codes a status answers with. "include": a route may have codes of its own besides (a
 * missing right, a rule of its resource) that only its own description can name.
 */
function describeCodes(response: { description?: string }, codes: string[]) {
  const listed = /Error codes include: (.*)$/.exec(response.description ?? '')?.[1]?.split(', ') ?? [];
  const all = [...new Set([...listed.map((c) => c.replaceAll('`', '')), ...codes])];
  const base = (response.description ?? '').replace(/\s*Error codes include: .*$/, '');
  const lead = base && base !== 'Default Response' ? `${base}. ` : '';
  response.description = `${lead}Error codes include: ${all.map((c) => `\`${c}\``).join(', ')}`;
}

/** The session cookie as an OpenAPI security scheme (declared in the document's components). */
export const securitySchemes = {
  sessionCookie: {
    type: 'apiKey' as const,
    in: 'cookie' as const,
    name: 'portier_session',
    description: 'The session cookie set by POST /api/v1/auth/login (`__Host-portier_session` over https)',
  },
};

/** Adds to the document what the route schemas cannot say (see the module comment). */
export function completeOpenApi<T>(document: T): T {
  const doc = document as Document;
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      if (typeof operation !== 'object' || operation === null) continue;
      operation.responses ??= {};
      const responses = operation.responses;
      if (path.startsWith('/api/')) {
        for (const [status, generic] of Object.entries(GENERIC)) {
          if (!generic.when(method)) continue;
          responses[status] ??= { description: '', content: ERROR_CONTENT };
          describeCodes(responses[status], generic.codes);
        }
      }
      for (const [status, codes] of Object.entries(OWN_CODES[`${method.toUpperCase()} ${path}`] ?? {})) {
        responses[status] ??= { description: '', content: ERROR_CONTENT };
        describeCodes(responses[status], codes);
      }
      for (const status of ['429', '503']) {
        const response = responses[status];
        if (response) response.headers = { ...response.headers, ...RETRY_AFTER };
      }
    }
  }
  const login = doc.paths?.['/api/v1/auth/login']?.post?.responses?.['200'];
  if (login) login.headers = { ...login.headers, ...SET_COOKIE };
  const logout = doc.paths?.['/api/v1/auth/logout']?.post?.responses?.['204'];
  if (logout) logout.headers = { ...logout.headers, ...SET_COOKIE };
  const ready = doc.paths?.['/readyz']?.get?.responses;
  if (ready) {
    ready['503'] = {
      description: 'The store does not answer. Error codes include: `service_unavailable`',
      content: ERROR_CONTENT,
    };
  }
  const metrics = doc.paths?.['/metrics']?.get?.responses;
  if (metrics) {
    metrics['404'] = {
      description:
        'Asked from another machine or through a proxy without the bearer token. Error codes include: `not_found`',
      content: ERROR_CONTENT,
    };
  }
  return document;
}

/** For @fastify/swagger's `transform`: marks the operations that need a session with the cookie scheme. */
export function withSessionSecurity<
  A extends { route: { preHandler?: unknown } },
  R extends { schema?: unknown },
>(
  transform: (args: A) => R,
  requiresSession: (handler: (request: FastifyRequest, ...rest: never[]) => unknown) => boolean,
) {
  return (args: A): R => {
    const result = transform(args);
    const handlers = [args.route.preHandler].flat().filter((h) => typeof h === 'function');
    if (
      handlers.some((h) => requiresSession(h as never)) &&
      result.schema &&
      typeof result.schema === 'object'
    ) {
      (result.schema as { security?: unknown }).security = [{ sessionCookie: [] }];
    }
    return result;
  };
}
