import type { Poll } from '@plaza/contract';

/**
 * The poll as it will look once the server accepts `optionIds` as the viewer's ballot (`[]` retracts).
 * Only counts the viewer may already see are adjusted; hidden tallies stay hidden until the server answers.
 */
export function withBallot(poll: Poll, optionIds: string[]): Poll {
  const had = new Set(poll.myVote);
  const has = new Set(optionIds);
  const voterDelta = (has.size > 0 ? 1 : 0) - (had.size > 0 ? 1 : 0);
  return {
    ...poll,
    myVote: [...optionIds],
    totalVoters: Math.max(0, poll.totalVoters + voterDelta),
    options: poll.options.map((option) =>
      option.votes === null
        ? option
        : { ...option, votes: Math.max(0, option.votes + (has.has(option.id) ? 1 : 0) - (had.has(option.id) ? 1 : 0)) },
    ),
  };
}
