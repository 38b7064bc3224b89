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
import { moderatesSql, postVisibleSql } from './access.ts';

interface PostRow {
  id: string;
  group_id: string | null;
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
  can_moderate: boolean;
  my_reaction: ReactionKind | null;
  acknowledged: boolean;
  reported: boolean;
  ack_count: number | null;
  member_count: number | null;
}

/**
 * The posts with these ids as the viewer sees them, in the order of `ids`; unknown and invisible ids are
 * left out. A fixed number of queries however many posts.
 */
export async function loadPosts(db: Db, ids: readonly string[], viewer: User | null): Promise<Post[]> {
  if (ids.length === 0) return [];
  const viewerId = viewer?.id ?? null;
  const role = viewer?.role ?? null;
  const { rows } = await db.query<PostRow>(
    `SELECT p.id, p.group_id, p.body_source, p.body_nodes, p.topics, p.mention_ids, p.poll_id,
            p.is_announcement, p.pinned, p.urgent, p.ack_required, p.expires_at,
            p.hidden_at IS NOT NULL AS hidden, p.created_at, p.edited_at,
            u.id AS author_id, u.name AS author_name, u.title AS author_title, u.avatar_url AS author_avatar_url,
            (SELECT count(*)::int FROM comments c WHERE c.post_id = p.id) AS comment_count,
            ${moderatesSql('p.group_id', '$2', '$3')} AS can_moderate,
            (SELECT r.kind FROM post_reactions r WHERE r.post_id = p.id AND r.user_id = $2::text) AS my_reaction,
            EXISTS (SELECT 1 FROM post_acknowledgements a WHERE a.post_id = p.id AND a.user_id = $2::text) AS acknowledged,
            EXISTS (SELECT 1 FROM post_reports rp WHERE rp.post_id = p.id AND rp.user_id = $2::text) AS reported,
            CASE WHEN p.ack_required THEN
              (SELECT count(*)::int FROM post_acknowledgements a WHERE a.post_id = p.id) END AS ack_count,
            CASE WHEN p.ack_required THEN
              CASE WHEN p.group_id IS NULL THEN (SELECT count(*)::int FROM users)
                   ELSE (SELECT count(*)::int FROM group_members gm WHERE gm.group_id = p.group_id) END
            END AS member_count
       FROM posts p JOIN users u ON u.id = p.author_id
      WHERE p.id = ANY($1::text[]) AND ${postVisibleSql('p', '$2', '$3')}`,
    [ids, viewerId, role],
  );
  if (rows.length === 0) return [];
  const found = rows.map((row) => row.id);
  const [counts, reactors, images, mentioned] = await Promise.all([
    reactionCounts(db, found),
    reactorPreviews(db, found),
    imagesOf(db, 'post', found),
    usersById(
      db,
      rows.flatMap((row) => row.mention_ids),
    ),
  ]);
  const posts = new Map(
    rows.map((row): [string, Post] => {
      const reactions: ReactionSummary[] = ReactionKind.options.map((kind) => ({
        kind,
        count: counts.get(row.id)?.get(kind) ?? 0,
        mine: row.my_reaction === kind,
        reactors: reactors.get(row.id)?.get(kind) ?? [],
      }));
      const isAuthor = viewerId === row.author_id;
      return [
        row.id,
        {
          id: row.id,
          author: toUserRef({
            id: row.author_id,
            name: row.author_name,
            title: row.author_title,
            avatar_url: row.author_avatar_url,
          }),
          groupId: row.group_id,
          body: { source: row.body_source, nodes: row.body_nodes },
          topics: row.topics,
          mentions: row.mention_ids.flatMap((id) => mentioned.get(id) ?? []),
          createdAt: row.created_at.toISOString(),
          editedAt: row.edited_at?.toISOString() ?? null,
          images: images.get(row.id) ?? [],
          pollId: row.poll_id,
          announcement: row.is_announcement
            ? {
                pinned: row.pinned,
                urgent: row.urgent,
                expiresAt: row.expires_at?.toISOString() ?? null,
                ackRequired: row.ack_required,
              }
            : null,
          reactions,
          commentCount: row.comment_count,
          acknowledgement:
            row.is_announcement && row.ack_required
              ? {
                  acknowledged: row.acknowledged,
                  count: row.can_moderate ? row.ack_count : null,
                  memberCount: row.can_moderate ? row.member_count : null,
                }
              : null,
          // Only moderators see hidden posts at all; to everyone else nothing is hidden.
          hidden: row.hidden,
          canEdit: isAuthor,
          canDelete: isAuthor || row.can_moderate,
          canReport: viewerId !== null && !isAuthor && !row.reported,
          canModerate: row.can_moderate,
        },
      ];
    }),
  );
  return ids.flatMap((id) => posts.get(id) ?? []);
}

/** post id → kind → count */
async function reactionCounts(db: Db, postIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const { rows } = await db.query<{ post_id: string; kind: string; count: number }>(
    `SELECT post_id, kind, count(*)::int AS count FROM post_reactions WHERE post_id = ANY($1::text[])
      GROUP BY post_id, kind`,
    [postIds],
  );
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    let byKind = counts.get(row.post_id);
    if (!byKind) counts.set(row.post_id, (byKind = new Map()));
    byKind.set(row.kind, row.count);
  }
  return counts;
}

/** post id → kind → the first few people who reacted so */
async function reactorPreviews(db: Db, postIds: readonly string[]): Promise<Map<string, Map<string, UserRef[]>>> {
  const { rows } = await db.query<{
    post_id: string;
    kind: string;
    id: string;
    name: string;
    title: string | null;
    avatar_url: string | null;
  }>(
    `SELECT r.post_id, r.kind, u.id, u.name, u.title, u.avatar_url
       FROM (SELECT post_id, kind, user_id, created_at,
                    row_number() OVER (PARTITION BY post_id, kind ORDER BY created_at, user_id) AS n
               FROM post_reactions WHERE post_id = ANY($1::text[])) r
       JOIN users u ON u.id = r.user_id
      WHERE r.n <= $2
      ORDER BY r.post_id, r.kind, r.n`,
    [postIds, POST_LIMITS.reactorsPreview],
  );
  const previews = new Map<string, Map<string, UserRef[]>>();
  for (const row of rows) {
    let byKind = previews.get(row.post_id);
    if (!byKind) previews.set(row.post_id, (byKind = new Map()));
    let people = byKind.get(row.kind);
    if (!people) byKind.set(row.kind, (people = []));
    people.push(toUserRef(row));
  }
  return previews;
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
