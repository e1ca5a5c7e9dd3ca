import { z } from 'zod';
import { ErrorBody, Id } from '#contracts';

/** Schemas every module's routes share. */

/** The error answers most routes can give, each in the `{ error: { code, message, messageZh?, details? } }` shape. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
} as const;

/** `/:id` path parameters: a positive integer. */
export const IdParams = z.object({ id: Id });
