import type { Poll, User } from '@plaza/contract';
import type { Db } from '../db.ts';
import { findBallots, findPollRecords, findVoters } from './store.ts';
import { showsVoters, toPollView, type Viewpoint } from './view.ts';

export interface LoadContext {
  viewer: User | null;
  now: Date;
  minGroupSize: number;
}

/** The polls as the viewer sees them, in the order of `ids`; unknown ids are left out. */
export async function loadPolls(
  db: Db,
  ids: readonly string[],
  { viewer, now, minGroupSize }: LoadContext,
): Promise<Poll[]> {
  const records = await findPollRecords(db, ids, viewer?.id ?? null);
  if (records.length === 0) return [];
  const foundIds = records.map((record) => record.id);
  const ballots = viewer ? await findBallots(db, foundIds, viewer.id) : new Map<string, string[]>();
  const viewpointOf = (pollId: string): Viewpoint => ({ viewer, myVote: ballots.get(pollId) ?? [], now, minGroupSize });
  // Voters are read only for the polls that will show them.
  const named = records.filter((record) => showsVoters(record, viewpointOf(record.id))).map((record) => record.id);
  const voters = await findVoters(db, named);
  const views = new Map(
    records.map((record) => [record.id, toPollView(record, viewpointOf(record.id), voters.get(record.id))]),
  );
  return ids.flatMap((id) => views.get(id) ?? []);
}

/** One poll as the viewer sees it, or `null` when there is none with this id. */
export async function loadPoll(db: Db, id: string, context: LoadContext): Promise<Poll | null> {
  const [poll] = await loadPolls(db, [id], context);
  return poll ?? null;
}
