/**
 * CSRF (SPEC §8): a state-changing request must carry a JSON body and come from this service — an
 * `Origin` equal to ours, or, without Origin, `Sec-Fetch-Site: same-origin` on a request addressed to
 * us. A cross-site form cannot send JSON without a CORS preflight, and we never answer one.
 *
 * "Ours" is the public URL's origin. A page's own origin (as its Host header says) counts only on
 * this machine — a service whose public URL is local, reached under a local name (`127.0.0.1` for
 * `localhost`): otherwise a page on a name of the attacker's that resolves to this server (DNS
 * rebinding) sends an Origin equal to its Host and would pass.
 *
 * Every method but GET, HEAD and OPTIONS is checked, whatever the path: the router decodes paths
 * (`POST /%61pi/v1/auth/logout` reaches the logout route), so a rule keyed on the raw URL could be
 * walked round. Only the API changes state, so nothing else is refused by it.
 */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { AppError } from '../errors.js';
import { isLocalHostname } from '../shared/hosts.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** onRequest hook, in callback form: it runs on every request and most of them pass untouched. */
export function createCsrfGuard(args: { publicOrigin: string }) {
  const publicHostname = new URL(args.publicOrigin).hostname;
  const localService = isLocalHostname(publicHostname);
  /** The request is addressed to this service: its public name, or any local name when that is local. */
  const addressedToUs = (hostname: string) =>
    hostname === publicHostname || (localService && isLocalHostname(hostname));

  return function csrfGuard(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) {
    if (SAFE_METHODS.has(request.method)) return done();

    const origin = request.headers.origin;
    const fromUs =
      typeof origin === 'string'
        ? origin === args.publicOrigin ||
          (localService &&
            isLocalHostname(request.hostname) &&
            origin === `${request.protocol}://${request.host}`)
        : request.headers['sec-fetch-site'] === 'same-origin' && addressedToUs(request.hostname);
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
