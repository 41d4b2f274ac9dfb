import { z } from 'zod';
import { hasControlCharacters } from '../shared/text.js';

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
 * A person's name as typed in a form: trimmed, 1 to 200 characters, no control characters (they
 * have no place in a name and would end up in e-mail greetings and logs). The accounts service
 * applies the same rule (users.service.ts, accountIdentity).
 */
export const personName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((name) => !hasControlCharacters(name), 'no control characters');

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
