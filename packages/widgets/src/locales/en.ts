/**
 * English strings: the reference table every other locale must match key for key (see `Translation`).
 * `{name}` marks a parameter; plural entries are picked with `Intl.PluralRules`, `{count}` is the formatted number.
 */
const en = {
  // Poll: structure and hints
  'poll.chooseOne': 'Choose one',
  'poll.chooseUpTo': 'Choose up to {count}',
  'poll.chooseAny': 'Choose one or more',
  'poll.atMax': 'You have chosen the most options allowed',
  'poll.anonymous': 'Anonymous',
  'poll.anonymousHint': 'Nobody can see who voted for what',
  'poll.public': 'Public votes',
  'poll.publicHint': 'Others can see what you voted for',
  'poll.closed': 'Closed',
  'poll.closesAt': 'Closes {when}',
  'poll.closedAt': 'Closed {when}',
  'poll.noOptions': 'This poll has no options yet.',
  'poll.results': 'Results',
  'poll.yourVote': 'Your vote',
  'poll.youVotedFor': 'You voted for {options}',
  'poll.voters': { one: 'Show {count} voter', other: 'Show {count} voters' },
  'poll.votes': { one: '{count} vote', other: '{count} votes' },
  'poll.optionVotes': { one: '{percent}, {count} vote', other: '{percent}, {count} votes' },
  // Poll: hidden results
  'poll.hidden.after-vote': 'Results appear after you vote.',
  'poll.hidden.after-close': 'Results appear when the poll closes.',
  'poll.hidden.min-group-size': 'To keep votes anonymous, results appear once at least {count} people have voted.',
  // Poll: actions
  'poll.vote': 'Vote',
  'poll.changeVote': 'Change vote',
  'poll.retractVote': 'Retract vote',
  'poll.cancel': 'Cancel',
  'poll.showResults': 'Show results',
  'poll.backToVoting': 'Back to voting',
  'poll.close': 'Close poll',
  'poll.closeConfirm': 'Close this poll now? Nobody can vote or change their vote after that.',
  'poll.closeConfirmAction': 'Yes, close poll',
  'poll.signInToVote': 'Sign in to vote.',
  'poll.cannotVote': 'You cannot vote in this poll.',
  // Poll: announcements
  'poll.voteCounted': 'Vote counted',
  'poll.voteRetracted': 'Vote retracted',
  'poll.pollClosed': 'Poll closed',
  'poll.sending': 'Sending…',
  // Poll: states
  'poll.loading': 'Loading poll…',
  'poll.notFound': 'This poll does not exist or is not visible to you.',
  'poll.forbidden': 'You do not have access to this poll.',
  'poll.loadFailed': 'The poll could not be loaded.',
  'poll.notConfigured': 'This poll is not connected to a Plaza server.',
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

/** A plural entry: one string per `Intl.PluralRules` category; `other` is required. */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** Every key of the English table, with the same kind of value (string or plural forms). */
export type Translation = { [K in keyof typeof en]: (typeof en)[K] extends string ? string : PluralForms };
export type TermKey = { [K in keyof Translation]: Translation[K] extends string ? K : never }[keyof Translation];
export type PluralKey = Exclude<keyof Translation, TermKey>;

const table: Translation = en;
export default table;
