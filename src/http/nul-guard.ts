/**
 * No NUL characters in what a request carries (body, query, route parameters). PostgreSQL refuses
 * U+0000 in text and SQLite keeps it silently, so such a value would be a 500 on one store and a
 * strange record on the other; no field of the API has a use for it. Refused with 400 before
 * validation, on both stores alike.
 */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { AppError } from '../errors.js';

/** Whether `value` holds a string with U+0000 anywhere inside (keys included). */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  for (const key in value) {
    if (key.includes('\u0000') || containsNul((value as Record<string, unknown>)[key], depth + 1))
      return true;
  }
  return false;
}

/** preValidation hook: the body is parsed, the route not yet run. */
export function nulGuard(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) {
  if (containsNul(request.body) || containsNul(request.query) || containsNul(request.params)) {
    return done(new AppError('invalid_request', 400, { messageKey: 'nul_character' }));
  }
  done();
}
