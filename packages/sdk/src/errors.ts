import type { ClientErrorCode } from './types.ts';

/**
 * The one error type the SDK throws or stores. Never a raw TypeError or ZodError: a failing request, an
 * unreachable server and a malformed response all become a `PlazaError` with a `code` widgets can localise.
 */
export class PlazaError extends Error {
  override readonly name = 'PlazaError';
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    /** HTTP status; 0 when no response arrived. */
    readonly status = 0,
    /** Seconds to wait before retrying (from `Retry-After`), or null. */
    readonly retryAfter: number | null = null,
    /** Field path → messages, for validation errors. */
    readonly fields: Record<string, string[]> | undefined = undefined,
  ) {
    super(message);
  }

  /** Errors worth retrying automatically: no response, a 5xx, or 429. */
  get retryable(): boolean {
    return this.code === 'network' || this.status >= 500 || this.status === 429;
  }
}

export const isPlazaError = (error: unknown): error is PlazaError => error instanceof PlazaError;
