import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/** The one error body of the API (SPEC §9). */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const isoTime = (ms: number) => new Date(ms).toISOString();

/**
 * For the hottest routes: the same zod response schemas, serialized by fast-json-stringify from their
 * JSON Schema instead of a zod encode followed by JSON.stringify. Like zod, it writes only the
 * declared fields, so nothing undeclared can leak. Compiled once per route and status at start-up.
 */
export function fastResponseSerializer({ schema }: { schema: unknown }) {
  const jsonSchema = z.toJSONSchema(schema as z.ZodType, { io: 'output', unrepresentable: 'any' });
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
}
