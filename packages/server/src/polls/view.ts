import type { Poll, ResultsHiddenReason, ResultsVisibility, User, UserRef } from '@plaza/contract';

/** A poll as stored, with its full tally: what nobody sees unfiltered. */
export interface PollRecord {
  id: string;
  question: string;
  multiple: boolean;
  maxChoices: number;
  resultsVisibility: ResultsVisibility;
  anonymous: boolean;
  closesAt: Date | null;
  closedAt: Date | null;
  createdBy: UserRef;
  createdAt: Date;
  groupId: string | null;
  options: { id: string; label: string; votes: number }[];
  totalVoters: number;
}

/** Who looks, and when. */
export interface Viewpoint {
  viewer: User | null;
  /** The viewer's ballot: option ids, empty when they have not voted. */
  myVote: readonly string[];
  now: Date;
  minGroupSize: number;
}

/** Closed by hand, or past its closing time. */
export const isClosed = (poll: Pick<PollRecord, 'closesAt' | 'closedAt'>, now: Date): boolean =>
  poll.closedAt !== null || (poll.closesAt !== null && poll.closesAt.getTime() <= now.getTime());

/**
 * Why the viewer may not see the tally, or `null` when they may. The poll's own visibility rule comes
 * first (it tells the viewer what to do: vote, or wait for the close); the small-group rule protects
 * anonymous voters from being identified by elimination, for everybody, creator included.
 */
export function resultsHiddenReason(
  poll: PollRecord,
  { myVote, now, minGroupSize }: Viewpoint,
): ResultsHiddenReason | null {
  const closed = isClosed(poll, now);
  if (poll.resultsVisibility === 'after-close' && !closed) return 'after-close';
  if (poll.resultsVisibility === 'after-vote' && !closed && myVote.length === 0) return 'after-vote';
  if (poll.anonymous && poll.totalVoters < minGroupSize) return 'min-group-size';
  return null;
}

/** Whether this viewer is shown who voted for what (named polls with visible results). */
export const showsVoters = (poll: PollRecord, viewpoint: Viewpoint): boolean =>
  !poll.anonymous && resultsHiddenReason(poll, viewpoint) === null;

/**
 * The poll as this viewer may see it.
 * @param votersByOption who chose each option; read only when {@link showsVoters} is true
 */
export function toPollView(
  poll: PollRecord,
  viewpoint: Viewpoint,
  votersByOption: ReadonlyMap<string, UserRef[]> = new Map(),
): Poll {
  const { viewer, myVote, now, minGroupSize } = viewpoint;
  const closed = isClosed(poll, now);
  const hiddenReason = resultsHiddenReason(poll, viewpoint);
  const visible = hiddenReason === null;
  const withVoters = showsVoters(poll, viewpoint);
  return {
    id: poll.id,
    question: poll.question,
    options: poll.options.map((option) => ({
      id: option.id,
      label: option.label,
      votes: visible ? option.votes : null,
      voters: withVoters ? (votersByOption.get(option.id) ?? []) : null,
    })),
    multiple: poll.multiple,
    maxChoices: poll.multiple ? poll.maxChoices : 1,
    resultsVisibility: poll.resultsVisibility,
    anonymous: poll.anonymous,
    minGroupSize,
    closesAt: poll.closesAt?.toISOString() ?? null,
    closedAt: poll.closedAt?.toISOString() ?? null,
    closed,
    createdBy: poll.createdBy,
    createdAt: poll.createdAt.toISOString(),
    groupId: poll.groupId,
    totalVoters: poll.totalVoters,
    resultsVisible: visible,
    resultsHiddenReason: hiddenReason,
    myVote: [...myVote],
    canVote: viewer !== null && !closed,
    canClose: viewer !== null && !closed && (viewer.id === poll.createdBy.id || viewer.role === 'manager'),
  };
}
