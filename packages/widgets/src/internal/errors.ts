import { isPlazaError, type ClientErrorCode } from '@plaza/sdk';
import type { TermKey } from '../locales/types.ts';
import type { LocalizeController } from './localize.ts';

/** Every code the SDK can report, mapped to its message; `satisfies` makes a new code fail the typecheck. */
const MESSAGES = {
  validation_failed: 'error.validation_failed',
  unauthenticated: 'error.unauthenticated',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  conflict: 'error.conflict',
  payload_too_large: 'error.payload_too_large',
  rate_limited: 'error.rate_limited',
  idempotency_conflict: 'error.idempotency_conflict',
  csrf_failed: 'error.csrf_failed',
  invalid_option: 'error.invalid_option',
  too_many_choices: 'error.too_many_choices',
  poll_closed: 'error.poll_closed',
  group_not_open: 'error.group_not_open',
  group_not_by_request: 'error.group_not_by_request',
  last_admin: 'error.last_admin',
  no_pending_request: 'error.no_pending_request',
  already_member: 'error.already_member',
  unsupported_media_type: 'error.unsupported_media_type',
  internal: 'error.internal',
  network: 'error.network',
  invalid_response: 'error.invalid_response',
  aborted: 'error.aborted',
} as const satisfies Record<ClientErrorCode, TermKey>;

/** The code of any thrown value; anything that is not a PlazaError counts as `internal`. */
export const errorCode = (error: unknown): ClientErrorCode => (isPlazaError(error) ? error.code : 'internal');

/** A localised, user-facing sentence for any error the SDK reports (never the server's English message). */
export function errorMessage(localize: LocalizeController, error: unknown): string {
  const code = errorCode(error);
  if (code === 'rate_limited' && isPlazaError(error) && error.retryAfter !== null) {
    return localize.term('error.rate_limited_after', {
      when: localize.relativeTime(Date.now() + Math.max(1, error.retryAfter) * 1000),
    });
  }
  return localize.term(MESSAGES[code]);
}
