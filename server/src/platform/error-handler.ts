import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody } from '#contracts';
import { AppError, errorCodeSpec } from './errors.ts';

/**
 * The one place where errors become HTTP: `{ error: { code, message, messageZh?, details? } }` —
 * `messageZh` is the code's Chinese message for users (`ErrorCodeSpec.zh`).
 */

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'platform.bad_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'platform.bad_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'platform.payload_too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'platform.bad_json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'platform.unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'platform.unsupported_media_type',
  FST_ERR_VALIDATION: 'platform.validation_failed',
};

function byStatus(status: number): string {
  if (status === 404) return 'platform.not_found';
  if (status === 405) return 'platform.method_not_allowed';
  if (status === 409) return 'platform.conflict';
  if (status === 413) return 'platform.payload_too_large';
  if (status === 415) return 'platform.unsupported_media_type';
  if (status === 429) return 'platform.too_many_requests';
  if (status === 503) return 'platform.unavailable';
  return status >= 400 && status < 500 ? 'platform.validation_failed' : 'platform.internal';
}

export function toErrorResponse(error: unknown): {
  status: number;
  code: string;
  message: string;
  details?: unknown;
} {
  if (error instanceof AppError) {
    const spec = errorCodeSpec(error.code);
    if (!spec)
      return { status: 500, code: 'platform.internal', message: `Undeclared error code ${error.code}` };
    return { status: spec.status, code: error.code, message: error.message, details: error.details };
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    return {
      status: 400,
      code: 'platform.validation_failed',
      message: `Invalid request ${fastifyError.validationContext ?? ''}`.trim(),
      details: fastifyError.validation.map((issue) => ({
        field: [fastifyError.validationContext, issue.instancePath.replace(/^\//, '').replaceAll('/', '.')]
          .filter(Boolean)
          .join('.'),
        message: issue.message,
      })),
    };
  }
  if (isResponseSerializationError(fastifyError)) {
    return { status: 500, code: 'platform.internal', message: 'The server produced an invalid response' };
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  const status = fastifyError.statusCode ?? 500;
  if (mapped)
    return { status: errorCodeSpec(mapped)?.status ?? 400, code: mapped, message: fastifyError.message };
  if (status >= 400 && status < 500) return { status, code: byStatus(status), message: fastifyError.message };
  return { status: 500, code: 'platform.internal', message: 'Internal error' };
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const response = toErrorResponse(error);
  if (response.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: response.code }, response.message);
  void reply.status(response.status).send(errorBody(response.code, response.message, response.details));
}

/** The body of an error answer, with the code's Chinese message for users when it has one. */
export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  const messageZh = errorCodeSpec(code)?.zh;
  return {
    error: {
      code,
      message,
      ...(messageZh === undefined ? {} : { messageZh }),
      ...(details === undefined ? {} : { details }),
    },
  };
}
