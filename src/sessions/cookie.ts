/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/; Secure with the `__Host-` prefix when served
 * over https (SPEC §8).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CookiePolicy {
  secure: boolean;
  maxAgeMs: number;
}

export function sessionCookieName(policy: Pick<CookiePolicy, 'secure'>) {
  return policy.secure ? '__Host-portier_session' : 'portier_session';
}

export function readSessionCookie(request: FastifyRequest, policy: CookiePolicy): string | undefined {
  return request.cookies[sessionCookieName(policy)];
}

export function setSessionCookie(reply: FastifyReply, token: string, policy: CookiePolicy) {
  reply.setCookie(sessionCookieName(policy), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: policy.secure,
    path: '/',
    maxAge: Math.floor(policy.maxAgeMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, policy: CookiePolicy) {
  reply.clearCookie(sessionCookieName(policy), {
    httpOnly: true,
    sameSite: 'lax',
    secure: policy.secure,
    path: '/',
  });
}
