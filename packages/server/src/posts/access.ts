import type { User } from '@plaza/contract';
import type { Db } from '../db.ts';
import { groupAccess, visibleToViewerSql, type GroupAccess } from '../groups/access.ts';
import { ApiError, notFound } from '../http/errors.ts';

/**
 * Who may do what with a post:
 * - see it: whoever may see its group's content (see groups/access.ts); a hidden post only its moderators;
 * - moderate it (hide, restore, delete, see reports, acknowledgement counts, announce): company managers for
 *   company-wide posts, the group's managers (`canManage`) for group posts;
 * - write in a group (post, comment): its members (403 in a public group, 404 in a private one).
 */

/**
 * SQL: true when the viewer (`viewerParam`, id or NULL; `roleParam`, 'member'/'manager' or NULL) moderates
 * content of the group `groupColumn`.
 */
export function moderatesSql(groupColumn: string, viewerParam: string, roleParam: string): string {
  return `COALESCE((${groupColumn} IS NULL AND ${roleParam}::text = 'manager') OR EXISTS (
    SELECT 1 FROM group_members mm WHERE mm.group_id = ${groupColumn} AND mm.user_id = ${viewerParam}::text
      AND (mm.role = 'admin' OR ${roleParam}::text = 'manager')), false)`;
}

/** SQL: true when the viewer may see post `alias` (its group's rule; hidden posts only for moderators). */
export function postVisibleSql(alias: string, viewerParam: string, roleParam: string): string {
  return `(${visibleToViewerSql(`${alias}.group_id`, `${viewerParam}::text`)}
    AND (${alias}.hidden_at IS NULL OR ${moderatesSql(`${alias}.group_id`, viewerParam, roleParam)}))`;
}

/** Whether the viewer moderates content of this group (null: company-wide), given their access to it. */
export const moderates = (viewer: User | null, groupId: string | null, access: GroupAccess): boolean =>
  viewer !== null && (groupId === null ? viewer.role === 'manager' : access.canManage);

export interface PostForWrite {
  id: string;
  authorId: string;
  groupId: string | null;
  hidden: boolean;
  isAnnouncement: boolean;
  ackRequired: boolean;
  access: GroupAccess;
  canModerate: boolean;
}

/**
 * The post a write is about, locked (`share`: it cannot be deleted meanwhile; `update`: it is being
 * changed), or 404 when the viewer may not see it.
 */
export async function postForWrite(db: Db, viewer: User, id: string, mode: 'share' | 'update'): Promise<PostForWrite> {
  const { rows } = await db.query<{
    author_id: string;
    group_id: string | null;
    hidden: boolean;
    is_announcement: boolean;
    ack_required: boolean;
  }>(
    `SELECT author_id, group_id, hidden_at IS NOT NULL AS hidden, is_announcement, ack_required
       FROM posts WHERE id = $1 ${mode === 'share' ? 'FOR SHARE' : 'FOR UPDATE'}`,
    [id],
  );
  const row = rows[0];
  if (!row) throw notFound('No post has this id');
  const access = await groupAccess(db, viewer, row.group_id);
  const canModerate = moderates(viewer, row.group_id, access);
  if (!access.canSee || (row.hidden && !canModerate)) throw notFound('No post has this id');
  return {
    id,
    authorId: row.author_id,
    groupId: row.group_id,
    hidden: row.hidden,
    isAnnouncement: row.is_announcement,
    ackRequired: row.is_announcement && row.ack_required,
    access,
    canModerate,
  };
}

/** 404 for a group the viewer cannot see, 403 for one they can see but are not a member of. */
export async function requireMembership(db: Db, viewer: User, groupId: string | null): Promise<GroupAccess> {
  const access = await groupAccess(db, viewer, groupId);
  if (groupId === null) return access;
  if (!access.canSee) throw notFound('No group has this id');
  if (access.role === null) throw new ApiError(403, 'forbidden', 'Join the group to write in it');
  return access;
}
