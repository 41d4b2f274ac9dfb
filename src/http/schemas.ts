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
