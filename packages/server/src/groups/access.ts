import type { User } from '@plaza/contract';
import type { Db } from '../db.ts';

/**
 * Who may see and manage a group's content. One place for the rules every resource applies:
 * - company-wide content (no group) and public groups' content: everyone, signed out too;
 * - private groups' content: members only. Being a company manager grants no look inside: a private
 *   community is private. Outsiders get 404 (never 403), and never see it in lists or search results;
 * - managing a group (approve requests, pin there, moderate there): its admins, and company managers who
 *   are members.
 */

export type GroupRole = 'admin' | 'member';

export interface GroupAccess {
  exists: boolean;
  visibility: 'public' | 'private' | null;
  /** The viewer's role in the group, or null. */
  role: GroupRole | null;
  canSee: boolean;
  canManage: boolean;
}

/**
 * An SQL condition that is true when the viewer (`$n`, a user id or NULL) may see content whose group id is
 * `groupColumn` (NULL: company-wide). Use it in every list and search query.
 */
export function visibleToViewerSql(groupColumn: string, viewerParam: string): string {
  return `(${groupColumn} IS NULL OR EXISTS (
    SELECT 1 FROM groups vg WHERE vg.id = ${groupColumn} AND (vg.visibility = 'public' OR EXISTS (
      SELECT 1 FROM group_members vm WHERE vm.group_id = vg.id AND vm.user_id = ${viewerParam}))))`;
}

/** The viewer's standing in a group (or, for `groupId` null, company-wide content). */
export async function groupAccess(db: Db, viewer: User | null, groupId: string | null): Promise<GroupAccess> {
  if (groupId === null) {
    return { exists: true, visibility: null, role: null, canSee: true, canManage: viewer?.role === 'manager' };
  }
  const { rows } = await db.query<{ visibility: 'public' | 'private'; role: GroupRole | null }>(
    `SELECT g.visibility, m.role FROM groups g
       LEFT JOIN group_members m ON m.group_id = g.id AND m.user_id = $2
      WHERE g.id = $1`,
    [groupId, viewer?.id ?? null],
  );
  const row = rows[0];
  if (!row) return { exists: false, visibility: null, role: null, canSee: false, canManage: false };
  const role = row.role;
  return {
    exists: true,
    visibility: row.visibility,
    role,
    canSee: seesGroup(row.visibility, role),
    canManage: role === 'admin' || (role !== null && viewer?.role === 'manager'),
  };
}

/** group id → the user's role there, for every group they belong to. */
export async function membershipsOf(db: Db, userId: string): Promise<Map<string, GroupRole>> {
  const { rows } = await db.query<{ group_id: string; role: GroupRole }>(
    'SELECT group_id, role FROM group_members WHERE user_id = $1',
    [userId],
  );
  return new Map(rows.map((row) => [row.group_id, row.role]));
}

/** `canSee` of `groupAccess` for a group whose visibility and the viewer's role there are already known. */
export function seesGroup(visibility: 'public' | 'private' | undefined, role: GroupRole | null | undefined): boolean {
  return visibility === 'public' || (visibility !== undefined && role != null);
}

/**
 * `canManage` of `groupAccess` for a viewer whose role in the group is already known (batch reads): a group
 * admin, or a company manager who is a member.
 */
export function managesGroup(viewer: User | null, role: GroupRole | null): boolean {
  return role === 'admin' || (role !== null && viewer?.role === 'manager');
}
