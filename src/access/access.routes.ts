import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../http/schemas.js';
import { negotiateLanguage } from '../i18n/language.js';
import type { SessionGuard } from '../sessions/sessions.routes.js';
import type { AccessService } from './access.service.js';
import type { Catalogue } from './catalogue.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const label = z.object({ fr: z.string(), en: z.string() });
const person = z.object({ name: z.string(), email: z.string(), role: z.string() });

export function accessRoutes(deps: {
  access: AccessService;
  catalogue: Catalogue;
  requireSession: SessionGuard;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/products',
      {
        schema: {
          tags: ['access'],
          summary: 'The product catalogue (products and their tabs)',
          response: {
            200: z.object({
              products: z.array(
                z.object({
                  id: z.string(),
                  name: label,
                  tabs: z.array(z.object({ id: z.string(), name: label })),
                }),
              ),
            }),
          },
        },
      },
      async () => ({ products: deps.catalogue }),
    );

    app.get(
      '/api/v1/access',
      {
        schema: {
          tags: ['access'],
          summary: 'May the signed-in person open this product (or tab) at their active property?',
          querystring: z.object({ product: slug, tab: slug.optional() }).strict(),
          response: {
            200: z.object({
              allowed: z.literal(true),
              propertyId: z.string(),
              product: z.string(),
              tab: z.string().nullable(),
            }),
            400: errorBody,
            401: errorBody,
            403: errorBody,
            409: errorBody,
          },
        },
        preHandler: deps.requireSession,
      },
      async (request) =>
        deps.access.check(
          request.session,
          request.query.product,
          request.query.tab,
          negotiateLanguage(request.headers['accept-language']),
        ),
    );

    app.get(
      '/api/v1/access/overview',
      {
        schema: {
          tags: ['access'],
          summary: 'Every product and tab at the active property: open or not, and whom to ask',
          response: {
            200: z.object({
              property: z.object({
                id: z.string(),
                name: z.string(),
                status: z.enum(['active', 'suspended']),
                role: z.string(),
                billingContact: z
                  .object({ name: z.string().nullable(), email: z.string().nullable() })
                  .nullable(),
              }),
              products: z.array(
                z.object({
                  id: z.string(),
                  name: label,
                  allowed: z.boolean(),
                  tabs: z.array(
                    z.object({
                      id: z.string(),
                      name: label,
                      allowed: z.boolean(),
                      grantors: z.array(person),
                    }),
                  ),
                }),
              ),
            }),
            401: errorBody,
            409: errorBody,
          },
        },
        preHandler: deps.requireSession,
      },
      async (request) => deps.access.overview(request.session),
    );

    app.post(
      '/api/v1/session/property',
      {
        schema: {
          tags: ['session'],
          summary: 'Choose the property to work in (remembered for the next sign-in)',
          body: z.object({ propertyId: z.uuid() }).strict(),
          response: { 204: z.null(), 400: errorBody, 401: errorBody, 404: errorBody },
        },
        preHandler: deps.requireSession,
      },
      async (request, reply) => {
        await deps.access.selectProperty(request.session, request.body.propertyId);
        return reply.status(204).send(null);
      },
    );
  };
}
