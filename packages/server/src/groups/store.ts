import type { GroupVisibility, JoinPolicy, UserRef } from '@plaza/contract';
import type { Db } from '../db.ts';
import { toUserRef, type UserRow } from '../users/store.ts';
import type { GroupRole } from './access.ts';

/** A group with its counts and the viewer's standing, before the viewer's permissions shape it. */
export interface GroupRecord {
  id: string;
  name: string;
  description: string;
  coverUrl: string | null;
  coverAlt: string | null;
  visibility: GroupVisibility;
  joinPolicy: JoinPolicy;
  locale: string | null;
  memberCount: number;
  adminCount: number;
  requestCount: number;
  /** The viewer's role, or null (also when signed out). */
  viewerRole: GroupRole | null;
  /** Whether the viewer has a pending request. */
  viewerPending: boolean;
}

interface GroupRow {
  id: string;
  name: string;
  description: string;
  cover_url: string | null;
  cover_alt: string | null;
  visibility: GroupVisibility;
  join_policy: JoinPolicy;
  locale: string | null;
  member_count: number;
  admin_count: number;
  request_count: number;
  viewer_role: GroupRole | null;
  viewer_pending: boolean;
}

/** The groups with these ids; unknown ids are left out. Every group exists for everyone (see `Group`). */
export async function findGroupRecords(
  db: Db,
  ids: readonly string[],
  viewerId: string | null,
): Promise<GroupRecord[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<GroupRow>(
    `SELECT g.id, g.name, g.description, g.cover_url, g.cover_alt, g.visibility, g.join_policy, g.locale,
            (SELECT count(*)::int FROM group_members m WHERE m.group_id = g.id) AS member_count,
            (SELECT count(*)::int FROM group_members m WHERE m.group_id = g.id AND m.role = 'admin') AS admin_count,
            (SELECT count(*)::int FROM group_requests r WHERE r.group_id = g.id) AS request_count,
            vm.role AS viewer_role,
            EXISTS (SELECT 1 FROM group_requests vr WHERE vr.group_id = g.id AND vr.user_id = $2) AS viewer_pending
       FROM groups g
       LEFT JOIN group_members vm ON vm.group_id = g.id AND vm.user_id = $2
      WHERE g.id = ANY($1::text[])`,
    [ids, viewerId],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    coverUrl: row.cover_url,
    coverAlt: row.cover_alt,
    visibility: row.visibility,
    joinPolicy: row.join_policy,
    locale: row.locale,
    memberCount: row.member_count,
    adminCount: row.admin_count,
    requestCount: row.request_count,
    viewerRole: row.viewer_role,
    viewerPending: row.viewer_pending,
  }));
}

export interface GroupPeople {
  /** Most recently joined first, at most `facepileSize`. */
  facepile: UserRef[];
  /** Longest-serving first. */
  admins: UserRef[];
}

/**
 * The facepile and the admins of each group. Call it only with groups whose people the viewer may see.
 */
export async function findGroupPeople(
  db: Db,
  groupIds: readonly string[],
  facepileSize: number,
): Promise<Map<string, GroupPeople>> {
  const people = new Map<string, GroupPeople>(groupIds.map((id) => [id, { facepile: [], admins: [] }]));
  if (groupIds.length === 0) return people;
  const { rows } = await db.query<
    Pick<UserRow, 'id' | 'name' | 'title' | 'avatar_url'> & { group_id: string; role: GroupRole; recent: number }
  >(
    `SELECT group_id, role, id, name, title, avatar_url, recent FROM (
       SELECT m.group_id, m.role, m.joined_at, u.id, u.name, u.title, u.avatar_url,
              row_number() OVER (PARTITION BY m.group_id ORDER BY m.joined_at DESC, u.id)::int AS recent
         FROM group_members m JOIN users u ON u.id = m.user_id
        WHERE m.group_id = ANY($1::text[])
     ) ranked
     WHERE recent <= $2 OR role = 'admin'
     ORDER BY group_id, joined_at, id`,
    [groupIds, facepileSize],
  );
  for (const row of rows) {
    const entry = people.get(row.group_id)!;
    if (row.role === 'admin') entry.admins.push(toUserRef(row));
  }
  const byRecency = [...rows].filter((row) => row.recent <= facepileSize).sort((a, b) => a.recent - b.recent);
  for (const row of byRecency) people.get(row.group_id)!.facepile.push(toUserRef(row));
  return people;
}

/** What a membership change is checked against. */
export interface LockedGroup {
  id: string;
  visibility: GroupVisibility;
  joinPolicy: JoinPolicy;
}

/**
 * Reads a group for a membership change and locks its row until the transaction ends. Every change of
 * members or requests takes this lock first, so they run one after another per group: two admins leaving
 * at once cannot both see "another admin is left", and two approvals of one request cannot both act.
 * `NO KEY UPDATE` leaves inserts of rows that only reference the group (posts, polls) unblocked.
 */
export async function lockGroup(db: Db, id: string): Promise<LockedGroup | null> {
  const { rows } = await db.query<{ id: string; visibility: GroupVisibility; join_policy: JoinPolicy }>(
    'SELECT id, visibility, join_policy FROM groups WHERE id = $1 FOR NO KEY UPDATE',
    [id],
  );
  const row = rows[0];
  return row ? { id: row.id, visibility: row.visibility, joinPolicy: row.join_policy } : null;
}

/** Where a user stands in a group: their role (or null) and whether they have a pending request. */
export async function standingOf(
  db: Db,
  groupId: string,
  userId: string,
): Promise<{ role: GroupRole | null; pending: boolean }> {
  const { rows } = await db.query<{ role: GroupRole | null; pending: boolean }>(
    `SELECT (SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2) AS role,
            EXISTS (SELECT 1 FROM group_requests WHERE group_id = $1 AND user_id = $2) AS pending`,
    [groupId, userId],
  );
  return rows[0]!;
}

export async function countAdmins(db: Db, groupId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM group_members WHERE group_id = $1 AND role = 'admin'`,
    [groupId],
  );
  return rows[0]!.n;
}

/**
 * Makes the user a member and drops their request, if any. The primary key makes a second insert a no-op.
 * @returns whether the user became a member now
 */
export async function addMember(db: Db, groupId: string, userId: string, at: Date): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, 'member', $3)
     ON CONFLICT (group_id, user_id) DO NOTHING RETURNING user_id`,
    [groupId, userId, at],
  );
  await deleteRequest(db, groupId, userId);
  return rows.length > 0;
}

/** @returns whether the user was a member */
export async function removeMember(db: Db, groupId: string, userId: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM group_members WHERE group_id = $1 AND user_id = $2 RETURNING user_id', [
    groupId,
    userId,
  ]);
  return rows.length > 0;
}

/** @returns whether a new request was stored (false: there was one already) */
export async function addRequest(db: Db, groupId: string, userId: string, at: Date): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO group_requests (group_id, user_id, requested_at) VALUES ($1, $2, $3)
     ON CONFLICT (group_id, user_id) DO NOTHING RETURNING user_id`,
    [groupId, userId, at],
  );
  return rows.length > 0;
}

/** @returns whether there was a request */
export async function deleteRequest(db: Db, groupId: string, userId: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM group_requests WHERE group_id = $1 AND user_id = $2 RETURNING user_id', [
    groupId,
    userId,
  ]);
  return rows.length > 0;
}

/** The pending requests of a group, oldest first. */
export async function findRequests(db: Db, groupId: string): Promise<{ user: UserRef; requestedAt: Date }[]> {
  const { rows } = await db.query<Pick<UserRow, 'id' | 'name' | 'title' | 'avatar_url'> & { requested_at: Date }>(
    `SELECT u.id, u.name, u.title, u.avatar_url, r.requested_at
       FROM group_requests r JOIN users u ON u.id = r.user_id
      WHERE r.group_id = $1
      ORDER BY r.requested_at, u.id`,
    [groupId],
  );
  return rows.map((row) => ({ user: toUserRef(row), requestedAt: row.requested_at }));
}
