import type { ResultsVisibility, UserRef } from '@plaza/contract';
import { visibleToViewerSql } from '../groups/access.ts';
import type { Db } from '../db.ts';
import { toUserRef } from '../users/store.ts';
import type { PollRecord } from './view.ts';

interface PollRow {
  id: string;
  question: string;
  multiple: boolean;
  max_choices: number;
  results_visibility: ResultsVisibility;
  anonymous: boolean;
  closes_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  group_id: string | null;
  creator_id: string;
  creator_name: string;
  creator_title: string | null;
  creator_avatar_url: string | null;
  total_voters: number;
}

interface OptionRow {
  poll_id: string;
  id: string;
  label: string;
  votes: number;
}

/** The polls with these ids, with options in order and the full tally; unknown ids are left out. */
export async function findPollRecords(db: Db, ids: readonly string[], viewerId: string | null): Promise<PollRecord[]> {
  if (ids.length === 0) return [];
  const { rows: polls } = await db.query<PollRow>(
    `SELECT p.id, p.question, p.multiple, p.max_choices, p.results_visibility, p.anonymous,
            p.closes_at, p.closed_at, p.created_at, p.group_id,
            u.id AS creator_id, u.name AS creator_name, u.title AS creator_title, u.avatar_url AS creator_avatar_url,
            (SELECT count(*)::int FROM poll_ballots b WHERE b.poll_id = p.id) AS total_voters
       FROM polls p JOIN users u ON u.id = p.created_by
      WHERE p.id = ANY($1::text[]) AND ${visibleToViewerSql('p.group_id', '$2')}`,
    [ids, viewerId],
  );
  if (polls.length === 0) return [];
  const { rows: options } = await db.query<OptionRow>(
    `SELECT o.poll_id, o.id, o.label,
            (SELECT count(*)::int FROM poll_ballots b WHERE b.poll_id = o.poll_id AND o.id = ANY(b.option_ids)) AS votes
       FROM poll_options o
      WHERE o.poll_id = ANY($1::text[])
      ORDER BY o.poll_id, o.position`,
    [polls.map((poll) => poll.id)],
  );
  const optionsByPoll = groupBy(options, (option) => option.poll_id);
  return polls.map((row) => ({
    id: row.id,
    question: row.question,
    multiple: row.multiple,
    maxChoices: row.max_choices,
    resultsVisibility: row.results_visibility,
    anonymous: row.anonymous,
    closesAt: row.closes_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    groupId: row.group_id,
    createdBy: toUserRef({
      id: row.creator_id,
      name: row.creator_name,
      title: row.creator_title,
      avatar_url: row.creator_avatar_url,
    }),
    options: (optionsByPoll.get(row.id) ?? []).map(({ id, label, votes }) => ({ id, label, votes })),
    totalVoters: row.total_voters,
  }));
}

/** The user's ballot in each of these polls (poll id → option ids); polls they did not vote in are absent. */
export async function findBallots(db: Db, pollIds: readonly string[], userId: string): Promise<Map<string, string[]>> {
  const { rows } = await db.query<{ poll_id: string; option_ids: string[] }>(
    'SELECT poll_id, option_ids FROM poll_ballots WHERE poll_id = ANY($1::text[]) AND user_id = $2',
    [pollIds, userId],
  );
  return new Map(rows.map((row) => [row.poll_id, row.option_ids]));
}

/** Who chose what, by poll and option, earliest voters first. */
export async function findVoters(db: Db, pollIds: readonly string[]): Promise<Map<string, Map<string, UserRef[]>>> {
  const votersByPoll = new Map<string, Map<string, UserRef[]>>();
  if (pollIds.length === 0) return votersByPoll;
  const { rows } = await db.query<{
    poll_id: string;
    option_id: string;
    id: string;
    name: string;
    title: string | null;
    avatar_url: string | null;
  }>(
    `SELECT b.poll_id, chosen.option_id, u.id, u.name, u.title, u.avatar_url
       FROM poll_ballots b
       CROSS JOIN LATERAL unnest(b.option_ids) AS chosen(option_id)
       JOIN users u ON u.id = b.user_id
      WHERE b.poll_id = ANY($1::text[])
      ORDER BY b.voted_at, u.name`,
    [pollIds],
  );
  for (const row of rows) {
    let byOption = votersByPoll.get(row.poll_id);
    if (!byOption) votersByPoll.set(row.poll_id, (byOption = new Map()));
    let voters = byOption.get(row.option_id);
    if (!voters) byOption.set(row.option_id, (voters = []));
    voters.push(toUserRef(row));
  }
  return votersByPoll;
}

/** What a vote or close is checked against. */
export interface PollForWrite {
  createdBy: string;
  closesAt: Date | null;
  closedAt: Date | null;
  multiple: boolean;
  maxChoices: number;
  groupId: string | null;
  /** Option ids in display order. */
  optionIds: string[];
}

/**
 * Reads a poll for a write and locks its row until the transaction ends: `share` for ballots (votes do not
 * wait for each other), `update` for closing (waits for votes in flight, and later votes see it closed).
 */
export async function lockPoll(db: Db, id: string, mode: 'share' | 'update'): Promise<PollForWrite | null> {
  const { rows } = await db.query<{
    created_by: string;
    closes_at: Date | null;
    closed_at: Date | null;
    multiple: boolean;
    max_choices: number;
    group_id: string | null;
  }>(
    `SELECT created_by, closes_at, closed_at, multiple, max_choices, group_id FROM polls WHERE id = $1
     ${mode === 'share' ? 'FOR SHARE' : 'FOR UPDATE'}`,
    [id],
  );
  const poll = rows[0];
  if (!poll) return null;
  const { rows: options } = await db.query<{ id: string }>(
    'SELECT id FROM poll_options WHERE poll_id = $1 ORDER BY position',
    [id],
  );
  return {
    createdBy: poll.created_by,
    closesAt: poll.closes_at,
    closedAt: poll.closed_at,
    multiple: poll.multiple,
    maxChoices: poll.max_choices,
    groupId: poll.group_id,
    optionIds: options.map((option) => option.id),
  };
}

/** Casts or replaces the user's ballot in one statement, so concurrent votes never double-count. */
export async function saveBallot(db: Db, pollId: string, userId: string, optionIds: readonly string[], now: Date) {
  await db.query(
    `INSERT INTO poll_ballots (poll_id, user_id, option_ids, voted_at) VALUES ($1, $2, $3::text[], $4)
     ON CONFLICT (poll_id, user_id) DO UPDATE SET option_ids = EXCLUDED.option_ids, voted_at = EXCLUDED.voted_at`,
    [pollId, userId, optionIds, now],
  );
}

export async function deleteBallot(db: Db, pollId: string, userId: string) {
  await db.query('DELETE FROM poll_ballots WHERE poll_id = $1 AND user_id = $2', [pollId, userId]);
}

export async function markClosed(db: Db, pollId: string, now: Date) {
  await db.query('UPDATE polls SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL', [pollId, now]);
}

export interface NewPoll {
  id: string;
  question: string;
  /** Option ids and labels, in display order. */
  options: readonly { id: string; label: string }[];
  multiple: boolean;
  maxChoices: number;
  resultsVisibility: ResultsVisibility;
  anonymous: boolean;
  closesAt: Date | null;
  closedAt?: Date | null;
  createdBy: string;
  createdAt: Date;
  groupId?: string | null;
}

/**
 * Inserts a poll and its options; does nothing when a poll with this id exists (so seeding can repeat).
 * @returns whether the poll was inserted
 */
export async function insertPoll(db: Db, poll: NewPoll): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO polls (id, question, multiple, max_choices, results_visibility, anonymous, closes_at, closed_at, created_by, created_at, group_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      poll.id,
      poll.question,
      poll.multiple,
      poll.maxChoices,
      poll.resultsVisibility,
      poll.anonymous,
      poll.closesAt,
      poll.closedAt ?? null,
      poll.createdBy,
      poll.createdAt,
      poll.groupId ?? null,
    ],
  );
  if (rows.length === 0) return false;
  await db.query(
    `INSERT INTO poll_options (id, poll_id, position, label)
     SELECT option.id, $1, option.position, option.label
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS option(id, label, position)`,
    [poll.id, poll.options.map((option) => option.id), poll.options.map((option) => option.label)],
  );
  return true;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
