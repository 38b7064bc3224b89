import {
  POST_LIMITS,
  ReactionKind,
  type BlockNode,
  type Post,
  type PostImage,
  type ReactionSummary,
  type User,
  type UserRef,
} from '@plaza/contract';
import type { Db } from '../db.ts';
import { toUserRef } from '../users/store.ts';
import { managesGroup, membershipsOf, seesGroup, type GroupRole } from '../groups/access.ts';

interface PostRow {
  id: string;
  group_id: string | null;
  /** The group's visibility; null for company-wide posts. */
  group_visibility: 'public' | 'private' | null;
  body_source: string;
  body_nodes: BlockNode[];
  topics: string[];
  mention_ids: string[];
  poll_id: string | null;
  is_announcement: boolean;
  pinned: boolean;
  urgent: boolean;
  ack_required: boolean;
  expires_at: Date | null;
  hidden: boolean;
  created_at: Date;
  edited_at: Date | null;
  author_id: string;
  author_name: string;
  author_title: string | null;
  author_avatar_url: string | null;
  comment_count: number;
  member_count: number | null;
}

/**
 * A post as stored, the same for every viewer: what `postView` needs to show it to anyone. Read caches keep
 * these between writes; never change one.
 */
export interface PostData {
  row: PostRow;
  author: UserRef;
  mentions: UserRef[];
  images: PostImage[];
  /** user id → their reaction */
  reactionOf: Map<string, ReactionKind>;
  /** kind → count, and the first few people who reacted so */
  reactions: Map<ReactionKind, { count: number; reactors: UserRef[] }>;
  acknowledgedBy: Set<string>;
  /** How many of them are in the audience now (the group's members; everyone for a company-wide post). */
  acknowledgedInAudience: number;
  reportedBy: Set<string>;
}

/**
 * The posts with these ids as the viewer sees them, in the order of `ids`; unknown and invisible ids are
 * left out. A fixed number of queries however many posts.
 */
export async function loadPosts(db: Db, ids: readonly string[], viewer: User | null): Promise<Post[]> {
  if (ids.length === 0) return [];
  const [posts, groups] = await Promise.all([
    loadPostData(db, ids),
    viewer ? membershipsOf(db, viewer.id) : Promise.resolve(new Map<string, GroupRole>()),
  ]);
  return ids.flatMap((id) => {
    const data = posts.get(id);
    return (data && postView(data, viewer, groups)) ?? [];
  });
}

/**
 * The post as `viewer` (with their roles in groups, `groups`) sees it, or null when they may not see it at
 * all: a private group's post for outsiders, a hidden post for anyone but its moderators.
 */
export function postView(data: PostData, viewer: User | null, groups: ReadonlyMap<string, GroupRole>): Post | null {
  const { row } = data;
  const groupRole = row.group_id === null ? null : (groups.get(row.group_id) ?? null);
  const canSee = row.group_id === null || seesGroup(row.group_visibility ?? undefined, groupRole);
  const canModerate =
    viewer !== null && (row.group_id === null ? viewer.role === 'manager' : managesGroup(viewer, groupRole));
  if (!canSee || (row.hidden && !canModerate)) return null;
  const viewerId = viewer?.id ?? null;
  const myReaction = viewerId === null ? undefined : data.reactionOf.get(viewerId);
  const isAuthor = viewerId === row.author_id;
  const acknowledgeable = row.is_announcement && row.ack_required;
  return {
    id: row.id,
    author: data.author,
    groupId: row.group_id,
    body: { source: row.body_source, nodes: row.body_nodes },
    topics: row.topics,
    mentions: data.mentions,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    images: data.images,
    pollId: row.poll_id,
    announcement: row.is_announcement
      ? {
          pinned: row.pinned,
          urgent: row.urgent,
          expiresAt: row.expires_at?.toISOString() ?? null,
          ackRequired: row.ack_required,
        }
      : null,
    reactions: ReactionKind.options.map((kind): ReactionSummary => {
      const summary = data.reactions.get(kind);
      return { kind, count: summary?.count ?? 0, mine: myReaction === kind, reactors: summary?.reactors ?? [] };
    }),
    commentCount: row.comment_count,
    acknowledgement: acknowledgeable
      ? {
          acknowledged: viewerId !== null && data.acknowledgedBy.has(viewerId),
          count: canModerate ? data.acknowledgedInAudience : null,
          memberCount: canModerate ? row.member_count : null,
        }
      : null,
    // Only moderators see hidden posts at all; to everyone else nothing is hidden.
    hidden: row.hidden,
    canEdit: isAuthor,
    canDelete: isAuthor || canModerate,
    canReport: viewerId !== null && !isAuthor && !data.reportedBy.has(viewerId),
    canModerate,
  };
}

/**
 * The people for whom the post shows something of their own: its author, and who reacted to, acknowledged
 * or reported it. To everyone else, `postView` differs only by being signed in and by roles in groups, so
 * responses of viewers alike in those may be shared.
 */
export function markedBy(data: PostData): string[] {
  return [data.row.author_id, ...data.reactionOf.keys(), ...data.acknowledgedBy, ...data.reportedBy];
}

/** post id → the post's data, for the ids that exist. Six queries however many posts. */
export async function loadPostData(db: Db, ids: readonly string[]): Promise<Map<string, PostData>> {
  const found = new Map<string, PostData>();
  if (ids.length === 0) return found;
  const { rows } = await db.query<PostRow>(
    `SELECT p.id, p.group_id, g.visibility AS group_visibility, p.body_source, p.body_nodes, p.topics,
            p.mention_ids, p.poll_id, p.is_announcement, p.pinned, p.urgent, p.ack_required, p.expires_at,
            p.hidden_at IS NOT NULL AS hidden, p.created_at, p.edited_at,
            u.id AS author_id, u.name AS author_name, u.title AS author_title, u.avatar_url AS author_avatar_url,
            (SELECT count(*)::int FROM comments c WHERE c.post_id = p.id) AS comment_count,
            CASE WHEN p.ack_required THEN
              CASE WHEN p.group_id IS NULL THEN (SELECT count(*)::int FROM users)
                   ELSE (SELECT count(*)::int FROM group_members gm WHERE gm.group_id = p.group_id) END
            END AS member_count
       FROM posts p JOIN users u ON u.id = p.author_id LEFT JOIN groups g ON g.id = p.group_id
      WHERE p.id = ANY($1::text[])`,
    [ids],
  );
  if (rows.length === 0) return found;
  const postIds = rows.map((row) => row.id);
  const [reactionRows, acks, reports, images] = await Promise.all([
    db.query<{ post_id: string; user_id: string; kind: ReactionKind }>(
      `SELECT post_id, user_id, kind FROM post_reactions WHERE post_id = ANY($1::text[])
        ORDER BY post_id, kind, created_at, user_id`,
      [postIds],
    ),
    // Anyone who can read a public group's announcement may confirm it, but the count a manager sees is of its
    // audience, as the member count beside it is: "12 of 10 members" must not happen, nor count those who left.
    db.query<{ post_id: string; user_id: string; in_audience: boolean }>(
      `SELECT a.post_id, a.user_id, (p.group_id IS NULL OR EXISTS (
                SELECT 1 FROM group_members gm WHERE gm.group_id = p.group_id AND gm.user_id = a.user_id)) AS in_audience
         FROM post_acknowledgements a JOIN posts p ON p.id = a.post_id
        WHERE a.post_id = ANY($1::text[])`,
      [postIds],
    ),
    db.query<{ post_id: string; user_id: string }>(
      'SELECT post_id, user_id FROM post_reports WHERE post_id = ANY($1::text[])',
      [postIds],
    ),
    imagesOf(db, 'post', postIds),
  ]);
  for (const row of rows) {
    found.set(row.id, {
      row,
      author: toUserRef({
        id: row.author_id,
        name: row.author_name,
        title: row.author_title,
        avatar_url: row.author_avatar_url,
      }),
      mentions: [],
      images: images.get(row.id) ?? [],
      reactionOf: new Map(),
      reactions: new Map(),
      acknowledgedBy: new Set(),
      acknowledgedInAudience: 0,
      reportedBy: new Set(),
    });
  }
  // The first few reactors of each kind, in the order they reacted; their names come with the mentions'.
  const previewIds = new Map<string, string[]>();
  for (const { post_id, user_id, kind } of reactionRows.rows) {
    const data = found.get(post_id)!;
    data.reactionOf.set(user_id, kind);
    const summary = data.reactions.get(kind) ?? { count: 0, reactors: [] };
    data.reactions.set(kind, { ...summary, count: summary.count + 1 });
    const key = `${post_id}\0${kind}`;
    const preview = previewIds.get(key) ?? [];
    if (preview.length < POST_LIMITS.reactorsPreview) previewIds.set(key, [...preview, user_id]);
  }
  for (const { post_id, user_id, in_audience } of acks.rows) {
    const data = found.get(post_id)!;
    data.acknowledgedBy.add(user_id);
    if (in_audience) data.acknowledgedInAudience += 1;
  }
  for (const { post_id, user_id } of reports.rows) found.get(post_id)!.reportedBy.add(user_id);
  const people = await usersById(db, [...rows.flatMap((row) => row.mention_ids), ...[...previewIds.values()].flat()]);
  for (const [key, userIds] of previewIds) {
    const [postId, kind] = key.split('\0') as [string, ReactionKind];
    const summary = found.get(postId)!.reactions.get(kind)!;
    summary.reactors = userIds.flatMap((id) => people.get(id) ?? []);
  }
  for (const row of rows) found.get(row.id)!.mentions = row.mention_ids.flatMap((id) => people.get(id) ?? []);
  return found;
}

/** owner id → images in order, with the file's size and URL */
export async function imagesOf(
  db: Db,
  owner: 'post' | 'comment',
  ids: readonly string[],
): Promise<Map<string, PostImage[]>> {
  const table = owner === 'post' ? 'post_images' : 'comment_images';
  const column = owner === 'post' ? 'post_id' : 'comment_id';
  const { rows } = await db.query<{ owner_id: string; file_id: string; alt: string; width: number; height: number }>(
    `SELECT i.${column} AS owner_id, i.file_id, i.alt, f.width, f.height
       FROM ${table} i JOIN files f ON f.id = i.file_id
      WHERE i.${column} = ANY($1::text[])
      ORDER BY i.${column}, i.position`,
    [ids],
  );
  const images = new Map<string, PostImage[]>();
  for (const row of rows) {
    const image: PostImage = {
      fileId: row.file_id,
      url: `/v1/files/${encodeURIComponent(row.file_id)}`,
      alt: row.alt,
      width: row.width,
      height: row.height,
    };
    const list = images.get(row.owner_id);
    if (list) list.push(image);
    else images.set(row.owner_id, [image]);
  }
  return images;
}

export async function usersById(db: Db, ids: readonly string[]): Promise<Map<string, UserRef>> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; name: string; title: string | null; avatar_url: string | null }>(
    'SELECT id, name, title, avatar_url FROM users WHERE id = ANY($1::text[])',
    [distinct],
  );
  return new Map(rows.map((row) => [row.id, toUserRef(row)]));
}
