import * as z from 'zod/mini';
import { Id, Timestamp, itemsOf, visibleText } from './common.ts';
import { UserRef } from './user.ts';
import { POLL_LIMITS } from './limits.ts';

/** Who may see the tally, and when. */
export const ResultsVisibility = z.enum(['always', 'after-vote', 'after-close']);
export type ResultsVisibility = z.infer<typeof ResultsVisibility>;

/** Why the viewer does not see the tally yet (`null` when they do). */
export const ResultsHiddenReason = z.enum(['after-vote', 'after-close', 'min-group-size']);
export type ResultsHiddenReason = z.infer<typeof ResultsHiddenReason>;

export const PollOption = z.object({
  id: Id,
  label: z.string().check(z.minLength(1), z.maxLength(POLL_LIMITS.optionLabelMax)),
  /** Number of voters who chose this option; `null` while results are hidden from the viewer. */
  votes: z.nullable(z.int().check(z.minimum(0))),
  /** Who chose it: only for named polls whose results the viewer may see; otherwise `null`. */
  voters: z.nullable(z.array(UserRef)),
});
export type PollOption = z.infer<typeof PollOption>;

/** A poll as the signed-in viewer (or an anonymous reader) sees it. */
export const Poll = z.object({
  id: Id,
  question: z.string().check(z.minLength(1), z.maxLength(POLL_LIMITS.questionMax)),
  options: z.array(PollOption),
  /** Multiple choice; `maxChoices` is then the upper bound (single choice: 1). */
  multiple: z.boolean(),
  maxChoices: z.int().check(z.minimum(1)),
  resultsVisibility: ResultsVisibility,
  /** Anonymous polls never reveal who voted for what, and hide the breakdown below `minGroupSize` voters. */
  anonymous: z.boolean(),
  minGroupSize: z.int().check(z.minimum(1)),
  closesAt: z.nullable(Timestamp),
  closedAt: z.nullable(Timestamp),
  /** True once closed by hand or past `closesAt`. */
  closed: z.boolean(),
  createdBy: UserRef,
  createdAt: Timestamp,
  /** The group the poll belongs to (then only those who can see the group see it); null: company-wide. */
  groupId: z.nullable(Id),
  /** Number of people who voted (a multiple-choice ballot counts once). */
  totalVoters: z.int().check(z.minimum(0)),
  resultsVisible: z.boolean(),
  resultsHiddenReason: z.nullable(ResultsHiddenReason),
  /** Option ids the viewer chose; empty when they have not voted or are signed out. */
  myVote: z.array(Id),
  canVote: z.boolean(),
  canClose: z.boolean(),
});
export type Poll = z.infer<typeof Poll>;

export const PollList = itemsOf(Poll);
export type PollList = z.infer<typeof PollList>;

/** `POST /v1/polls` */
export const CreatePollRequest = z.object({
  question: z.string().check(z.trim(), z.minLength(1), visibleText(), z.maxLength(POLL_LIMITS.questionMax)),
  options: z
    .array(z.string().check(z.trim(), z.minLength(1), visibleText(), z.maxLength(POLL_LIMITS.optionLabelMax)))
    .check(z.minLength(POLL_LIMITS.optionsMin), z.maxLength(POLL_LIMITS.optionsMax)),
  multiple: z._default(z.boolean(), false),
  maxChoices: z.optional(z.int().check(z.minimum(1), z.maximum(POLL_LIMITS.optionsMax))),
  resultsVisibility: z._default(ResultsVisibility, 'always'),
  anonymous: z._default(z.boolean(), false),
  closesAt: z.optional(z.nullable(Timestamp)),
  /** Post the poll in a group the author belongs to; company-wide when absent. */
  groupId: z.optional(z.nullable(Id)),
});
export type CreatePollRequest = z.input<typeof CreatePollRequest>;

/** `PUT /v1/polls/:id/vote` — replaces the viewer's ballot. */
export const VoteRequest = z.object({
  optionIds: z.array(Id).check(z.minLength(1), z.maxLength(POLL_LIMITS.optionsMax)),
});
export type VoteRequest = z.infer<typeof VoteRequest>;
