import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '@plaza/contract';
import type { AppEnv } from './env.ts';

/** Field path (`options.1`) → messages, as in `ErrorBody`. */
export type FieldErrors = Record<string, string[]>;

/** A failure the client caused or may handle; the error handler turns it into the one JSON error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const validationFailed = (message: string, fields?: FieldErrors) =>
  new ApiError(400, 'validation_failed', message, fields);

export const notFound = (message: string) => new ApiError(404, 'not_found', message);

export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Sign in to do this');

export function errorJson(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  fields?: FieldErrors,
): Response {
  const body: ErrorBody = { error: { code, message, ...(fields ? { fields } : {}), requestId: c.get('requestId') } };
  return c.json(body, status);
}
