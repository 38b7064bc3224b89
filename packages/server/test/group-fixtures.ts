/**
 * Throw-away groups for tests that need a group in a known state without touching the seeded ones.
 */
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { Group, type GroupVisibility, type JoinPolicy } from '@plaza/contract';
import type { Db } from '../src/index.ts';

export interface GroupSpec {
  visibility: GroupVisibility;
  joinPolicy: JoinPolicy;
  name?: string;
  description?: string;
  /** In joining order (the first joined first). */
  admins?: string[];
  members?: string[];
  /** Pending requests, oldest first. */
  requests?: string[];
}

const BASE = new Date('2025-01-01T00:00:00.000Z').getTime();
const MINUTE = 60_000;

/** Inserts a group with its admins, members and pending requests; returns its id. */
export async function createGroup(db: Db, spec: GroupSpec): Promise<string> {
  const id = `grp-fx-${randomBytes(5).toString('hex')}`;
  await db.query(
    `INSERT INTO groups (id, name, description, visibility, join_policy, locale, created_at)
     VALUES ($1, $2, $3, $4, $5, 'en', $6)`,
    [
      id,
      spec.name ?? `Fixture ${id}`,
      spec.description ?? 'A group made for a test.',
      spec.visibility,
      spec.joinPolicy,
      new Date(BASE),
    ],
  );
  const people = [
    ...(spec.admins ?? []).map((userId) => [userId, 'admin'] as const),
    ...(spec.members ?? []).map((userId) => [userId, 'member'] as const),
  ];
  for (const [index, [userId, role]] of people.entries()) {
    await db.query('INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)', [
      id,
      userId,
      role,
      new Date(BASE + (index + 1) * MINUTE),
    ]);
  }
  for (const [index, userId] of (spec.requests ?? []).entries()) {
    await db.query('INSERT INTO group_requests (group_id, user_id, requested_at) VALUES ($1, $2, $3)', [
      id,
      userId,
      new Date(BASE + (index + 1) * 60 * MINUTE),
    ]);
  }
  return id;
}

/** The response body checked against the contract's `Group`. */
export async function readGroup(response: Response): Promise<Group> {
  return z.parse(Group, await response.json());
}

/** Membership rows and request rows of a user in a group (to prove nothing was written twice). */
export async function rowsOf(db: Db, groupId: string, userId: string): Promise<{ members: number; requests: number }> {
  const { rows } = await db.query<{ members: number; requests: number }>(
    `SELECT (SELECT count(*)::int FROM group_members WHERE group_id = $1 AND user_id = $2) AS members,
            (SELECT count(*)::int FROM group_requests WHERE group_id = $1 AND user_id = $2) AS requests`,
    [groupId, userId],
  );
  return rows[0]!;
}

/** Events recorded for a group: `group.updated` (to the group's audience) and `membership.updated` by user. */
export async function eventsOf(
  db: Db,
  groupId: string,
): Promise<{ type: string; groupId: string | null; userId: string | null }[]> {
  const { rows } = await db.query<{ type: string; group_id: string | null; user_id: string | null }>(
    'SELECT type, group_id, user_id FROM events WHERE entity_id = $1 ORDER BY id',
    [groupId],
  );
  return rows.map((row) => ({ type: row.type, groupId: row.group_id, userId: row.user_id }));
}
