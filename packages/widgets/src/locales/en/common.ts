/** English strings shared by every Plaza element: retry and the messages for every error code. `{name}` marks a parameter; plural entries are picked with `Intl.PluralRules`. */
const common = {
  // Common
  retry: 'Retry',
  retrying: 'Retrying…',
  // Errors by code (every ClientErrorCode)
  'error.validation_failed': 'The request was not valid.',
  'error.unauthenticated': 'Please sign in and try again.',
  'error.forbidden': 'You are not allowed to do that.',
  'error.not_found': 'This no longer exists or is not visible to you.',
  'error.conflict': 'Something changed meanwhile. Please try again.',
  'error.payload_too_large': 'That is too long to send.',
  'error.rate_limited': 'Too many requests. Please try again in a moment.',
  'error.rate_limited_after': 'Too many requests. Please try again {when}.',
  'error.idempotency_conflict': 'This action was already sent with different content. Please reload.',
  'error.csrf_failed': 'The request was blocked for security reasons. Please reload the page.',
  'error.invalid_option': 'That option is no longer part of the poll. Please choose again.',
  'error.too_many_choices': 'You chose more options than this poll allows.',
  'error.poll_closed': 'This poll is closed, so your vote was not counted.',
  'error.group_not_open': 'This group no longer lets people join directly. Please reload to see how to join.',
  'error.group_not_by_request': 'This group no longer takes requests to join. Please reload to see how to join.',
  'error.last_admin': 'You are the only admin of this group. Make someone else an admin before you leave.',
  'error.no_pending_request': 'This request was already withdrawn or denied.',
  'error.already_member': 'This request was already approved: the person is a member now.',
  'error.unsupported_media_type': 'This file is not a supported image. Use PNG, JPEG, WebP or GIF.',
  'error.internal': 'Something went wrong on the server. Please try again.',
  'error.network': 'The Plaza server could not be reached. Check your connection and try again.',
  'error.invalid_response': 'The server sent an answer Plaza does not understand.',
  'error.aborted': 'The request was cancelled.',
};
export default common;
