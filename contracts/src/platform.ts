import { z } from 'zod';

/** Every error response: `{ "error": { "code", "message", "messageZh"?, "details"? } }`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    /** English, with the specifics of the case at hand. */
    message: z.string(),
    /** What the user is told in Chinese (one sentence per code; every declared code has one). */
    messageZh: z.string().optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  schemaVersion: z.number().int(),
  uptimeS: z.number(),
});
export type Health = z.infer<typeof Health>;
