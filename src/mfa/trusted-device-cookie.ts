import type { FastifyReply } from 'fastify';

/** "Trust this device for 30 days": a random token (stored as a hash), HttpOnly, per browser. */
export const TRUSTED_DEVICE_COOKIE = 'portier_trusted_device';

export function setTrustedDeviceCookie(
  reply: FastifyReply,
  token: string,
  args: { secure: boolean; days: number },
) {
  reply.setCookie(TRUSTED_DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: args.secure,
    path: '/api/v1/auth/',
    maxAge: args.days * 86_400,
  });
}
