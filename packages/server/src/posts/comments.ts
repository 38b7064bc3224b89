import type { BlockNode, Comment, CommentThread, User } from '@plaza/contract';
import type { Db } from '../db.ts';
import { toUserRef } from '../users/store.ts';
import { imagesOf } from './load.ts';
import { replaceImages, type LexedBody } from './store.ts';

interface CommentRow {
  id: string;
  post_id: string;
  parent_id: string | null;
  body_source: string;
  body_nodes: BlockNode[];
  created_at: Date;
  edited_at: Date | null;
  author_id: string;
  author_name: string;
  author_title: string | null;
  author_avatar_url: string | null;
}

const COMMENT_COLUMNS = `c.id, c.post_id, c.parent_id, c.body_source, c.body_nodes, c.created_at, c.edited_at,
  u.id AS author_id, u.name AS author_name, u.title AS author_title, u.avatar_url AS author_avatar_url`;

/** What the viewer may do with the comments of one post. */
export interface CommentViewpoint {
  viewer: User | null;
  /** The viewer moderates the post (may delete any comment). */
  canModerate: boolean;
}

function toComment(row: CommentRow, images: Map<string, Comment['images']>, { viewer, canModerate }: CommentViewpoint) {
  const isAuthor = viewer?.id === row.author_id;
  const comment: Comment = {
    id: row.id,
    postId: row.post_id,
    parentId: row.parent_id,
    author: toUserRef({
      id: row.author_id,
      name: row.author_name,
      title: row.author_title,
      avatar_url: row.author_avatar_url,
    }),
    body: { source: row.body_source, nodes: row.body_nodes },
    images: images.get(row.id) ?? [],
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    canEdit: isAuthor,
    canDelete: isAuthor || canModerate,
  };
  return comment;
}

/** Position in a comment list: (createdAt, id) of the last comment shown. */
export interface CommentCursor {
  createdAt: Date;
  id: string;
}

/**
 * A page of top-level comments of a post — the newest `limit` before `before` — each with all its replies,
 * shown oldest first.
 */
export async function loadCommentPage(
  db: Db,
  postId: string,
  { limit, before }: { limit: number; before: CommentCursor | null },
  viewpoint: CommentViewpoint,
): Promise<{ items: CommentThread[]; next: CommentCursor | null; total: number }> {
  const { rows: top } = await db.query<CommentRow>(
    `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
      WHERE c.post_id = $1 AND c.parent_id IS NULL
        AND ($2::timestamptz IS NULL OR (c.created_at, c.id) < ($2::timestamptz, $3::text))
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT $4`,
    [postId, before?.createdAt ?? null, before?.id ?? null, limit + 1],
  );
  const more = top.length > limit;
  const page = top.slice(0, limit);
  const { rows: replies } = page.length
    ? await db.query<CommentRow>(
        `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
          WHERE c.parent_id = ANY($1::text[])
          ORDER BY c.created_at, c.id`,
        [page.map((row) => row.id)],
      )
    : { rows: [] as CommentRow[] };
  const { rows: totals } = await db.query<{ total: number }>(
    'SELECT count(*)::int AS total FROM comments WHERE post_id = $1',
    [postId],
  );
  const images = await imagesOf(
    db,
    'comment',
    [...page, ...replies].map((row) => row.id),
  );
  const repliesOf = new Map<string, Comment[]>();
  for (const reply of replies) {
    const list = repliesOf.get(reply.parent_id!) ?? [];
    list.push(toComment(reply, images, viewpoint));
    repliesOf.set(reply.parent_id!, list);
  }
  const last = page.at(-1);
  return {
    items: page
      .reverse()
      .map((row) => ({ ...toComment(row, images, viewpoint), replies: repliesOf.get(row.id) ?? [] })),
    next: more && last ? { createdAt: last.created_at, id: last.id } : null,
    total: totals[0]?.total ?? 0,
  };
}

/** One comment (no visibility check: the caller checked the post). */
export async function loadComment(db: Db, id: string, viewpoint: CommentViewpoint): Promise<Comment | null> {
  const { rows } = await db.query<CommentRow>(
    `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return toComment(row, await imagesOf(db, 'comment', [id]), viewpoint);
}

/** A comment's place: its post, its thread and its author, locked for the write. */
export async function lockComment(
  db: Db,
  id: string,
): Promise<{ postId: string; parentId: string | null; authorId: string; mentionIds: string[] } | null> {
  const { rows } = await db.query<{
    post_id: string;
    parent_id: string | null;
    author_id: string;
    mention_ids: string[];
  }>('SELECT post_id, parent_id, author_id, mention_ids FROM comments WHERE id = $1 FOR UPDATE', [id]);
  const row = rows[0];
  return row
    ? { postId: row.post_id, parentId: row.parent_id, authorId: row.author_id, mentionIds: row.mention_ids }
    : null;
}

export async function insertComment(
  db: Db,
  comment: {
    id: string;
    postId: string;
    parentId: string | null;
    authorId: string;
    body: LexedBody;
    images: readonly { fileId: string; alt: string }[];
    createdAt: Date;
  },
): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO comments (id, post_id, parent_id, author_id, body_source, body_nodes, mention_ids, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::text[], $8)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      comment.id,
      comment.postId,
      comment.parentId,
      comment.authorId,
      comment.body.source,
      JSON.stringify(comment.body.nodes),
      comment.body.mentionIds,
      comment.createdAt,
    ],
  );
  if (rows.length === 0) return false;
  await replaceImages(db, 'comment', comment.id, comment.images);
  return true;
}

/** @returns the files the edit took out of the comment (its images before, when `images` changes) */
export async function updateComment(
  db: Db,
  id: string,
  changes: { body?: LexedBody; images?: readonly { fileId: string; alt: string }[]; editedAt: Date },
): Promise<string[]> {
  if (changes.body) {
    await db.query(
      `UPDATE comments SET body_source = $2, body_nodes = $3::jsonb, mention_ids = $4::text[], edited_at = $5
        WHERE id = $1`,
      [id, changes.body.source, JSON.stringify(changes.body.nodes), changes.body.mentionIds, changes.editedAt],
    );
  } else {
    await db.query('UPDATE comments SET edited_at = $2 WHERE id = $1', [id, changes.editedAt]);
  }
  return changes.images ? replaceImages(db, 'comment', id, changes.images) : [];
}

/** Deletes a comment (and, for a top-level one, its replies). @returns the ids deleted */
export async function deleteComment(db: Db, id: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('DELETE FROM comments WHERE id = $1 OR parent_id = $1 RETURNING id', [
    id,
  ]);
  return rows.map((row) => row.id);
}

/** The top-level comment of the thread `parentId` belongs to, or null when it is not a comment of the post. */
export async function threadOf(db: Db, postId: string, parentId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string; parent_id: string | null }>(
    'SELECT id, parent_id FROM comments WHERE id = $1 AND post_id = $2',
    [parentId, postId],
  );
  const row = rows[0];
  if (!row) return null;
  return row.parent_id ?? row.id;
}
