/**
 * The local mailbox for developers (SPEC §7): on the embedded default without SMTP, the e-mails the
 * outbox holds, newest first, so a newcomer can follow a reset link without a mail server. Only
 * registered when PORTIER_DEV_MAILBOX is on (default: embedded store, no SMTP_URL, served to this
 * machine alone; see config.ts).
 *
 * Whoever reads it can follow anyone's reset link, so it answers only requests made on this machine:
 * a loopback peer and no forwarding header (a proxy on this machine would be a loopback peer too).
 * Anything else gets the 404 of a route that does not exist.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../db/database.js';
import { AppError } from '../errors.js';
import { isDirectLocalRequest } from '../http/local-request.js';
import { isoTime } from '../http/schemas.js';
import { findOutboxMessages } from './outbox.queries.js';

export function devMailboxRoutes(deps: { store: Store }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/dev/mailbox',
      {
        schema: {
          tags: ['ops'],
          summary: 'Development only: the local mailbox',
          querystring: z.object({ to: z.string().max(320).optional() }).strict(),
          response: {
            200: z.object({
              messages: z.array(
                z.object({
                  id: z.number(),
                  createdAt: z.string(),
                  to: z.string(),
                  subject: z.string(),
                  text: z.string(),
                  language: z.string(),
                  status: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        if (!isDirectLocalRequest(request)) throw new AppError('not_found', 404);
        const rows = await findOutboxMessages(deps.store.db, {
          to: request.query.to?.trim().toLowerCase(),
          limit: 50,
        });
        return {
          messages: rows.map((r) => ({
            id: r.id,
            createdAt: isoTime(r.created_at),
            to: r.to_address,
            subject: r.subject,
            text: r.text_body,
            language: r.language,
            status: r.status,
          })),
        };
      },
    );
  };
}
