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

/**
 * ISO 8601 UTC text of an epoch-millisecond time. Memoised: a session check formats the same few
 * times (its session's dates, this millisecond) over and over, and Date#toISOString is not free.
 */
const isoTimes = new Map<number, string>();
export function isoTime(ms: number): string {
  let text = isoTimes.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString();
    if (isoTimes.size >= 4096) isoTimes.clear();
    isoTimes.set(ms, text);
  }
  return text;
}

/**
 * For the hottest routes: the same zod response schemas, serialized by fast-json-stringify from their
 * JSON Schema instead of a zod encode followed by JSON.stringify. Like zod, it writes only the
 * declared fields, so nothing undeclared can leak. Compiled once per route and status at start-up.
 */
export function fastResponseSerializer({ schema }: { schema: unknown }) {
  const jsonSchema = z.toJSONSchema(schema as z.ZodType, { io: 'output', unrepresentable: 'any' });
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]) as (data: unknown) => string;
}
