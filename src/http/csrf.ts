/**
 * CSRF (SPEC §8): a state-changing request must carry a JSON body and come from this service — an
 * `Origin` equal to ours, or, without Origin, `Sec-Fetch-Site: same-origin`. A cross-site form
 * cannot send JSON without a CORS preflight, and we never answer one.
 *
 * Every method but GET, HEAD and OPTIONS is checked, whatever the path: the router decodes paths
 * (`POST /%61pi/v1/auth/logout` reaches the logout route), so a rule keyed on the raw URL could be
 * walked round. Only the API changes state, so nothing else is refused by it.
 */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { AppError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** onRequest hook, in callback form: it runs on every request and most of them pass untouched. */
export function createCsrfGuard(args: { publicOrigin: string }) {
  return function csrfGuard(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) {
    if (SAFE_METHODS.has(request.method)) return done();

    const origin = request.headers.origin;
    const selfOrigin = `${request.protocol}://${request.host}`;
    const fromUs =
      typeof origin === 'string'
        ? origin === args.publicOrigin || origin === selfOrigin
        : request.headers['sec-fetch-site'] === 'same-origin';
    const contentType = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    if (!fromUs || contentType !== 'application/json') {
      return done(
        new AppError('csrf_rejected', 403, {
          details: { reason: !fromUs ? 'origin_mismatch' : 'json_body_required' },
        }),
      );
    }
    done();
  };
}
