/**
 * Security headers (SPEC §8): helmet's policy, computed once at start-up and set on every answer.
 *
 * `@fastify/helmet` rebuilds the helmet middleware on every request (and adds a second hook for
 * per-route options we do not use); that alone cost about a tenth of a session check. The headers
 * never vary per request here (no CSP nonces: the web app has no inline script), so helmet runs once
 * against a recording response and the result is a plain header object.
 */
import helmet, { type HelmetOptions } from 'helmet';

export function securityHeaderOptions(args: { https: boolean }): Readonly<HelmetOptions> {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // Reset and invitation links carry tokens in their URL: never leak them through Referer.
    referrerPolicy: { policy: 'no-referrer' },
    hsts: args.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
  };
}

/**
 * The ones that still mean something on a JSON answer, which a browser never renders as a page (the
 * OWASP REST Security set, plus CORP so no other site can load it cross-origin). The rest of helmet's
 * set (Origin-Agent-Cluster, X-DNS-Prefetch-Control, X-Download-Options, X-XSS-Protection,
 * X-Permitted-Cross-Domain-Policies, Cross-Origin-Opener-Policy) only governs documents; each extra
 * header costs every API answer its bytes and its validation.
 */
const API_HEADERS = [
  'content-security-policy',
  'cross-origin-resource-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
];

/** Headers for pages and files (helmet's whole set) and for API answers (the subset, plus no-store). */
export function securityHeaders(options: Readonly<HelmetOptions>) {
  const document = computeSecurityHeaders(options);
  const api: Record<string, string> = {};
  for (const name of API_HEADERS) {
    const value = document[name];
    if (value !== undefined) api[name] = value;
  }
  // A JSON answer loads nothing and is framed by no one (OWASP REST Security): the short policy.
  api['content-security-policy'] = "default-src 'none'; frame-ancestors 'none'";
  // API answers hold personal data and one-time state: never stored by a browser or a proxy.
  api['cache-control'] = 'no-store';
  return { document, api: Object.freeze(api) };
}

/** The headers helmet sets for these options, lower-cased names (helmet also removes X-Powered-By). */
export function computeSecurityHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as never, recorder as never, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return Object.freeze(headers);
}
