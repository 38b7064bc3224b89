import type { BlockNode, ImageAttachment, ReactionKind, ReportReason } from '@plaza/contract';
import type { Db } from '../db.ts';
import { visibleToViewerSql } from '../groups/access.ts';
import { validationFailed, type FieldErrors } from '../http/errors.ts';
import { lexRichText, mentionedIds, resolveMentions, topicsOf } from '../markdown/lexer.ts';

/** A body lexed and checked against the database: mentions of unknown people are plain text. */
export interface LexedBody {
  source: string;
  nodes: BlockNode[];
  topics: string[];
  mentionIds: string[];
}

/** Lexes `source` and resolves its mentions to existing users (their current names). */
export async function lexBody(db: Db, source: string): Promise<LexedBody> {
  const { nodes } = lexRichText(source);
  const ids = mentionedIds(nodes);
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const { rows } = await db.query<{ id: string; name: string }>(
      'SELECT id, name FROM users WHERE id = ANY($1::text[])',
      [ids],
    );
    for (const row of rows) names.set(row.id, row.name);
  }
  const resolved = resolveMentions(nodes, names);
  return { source, nodes: resolved, topics: topicsOf(resolved), mentionIds: mentionedIds(resolved) };
}

/** Stored image rows of an attachment list, checked: each must be a file the author uploaded. */
export async function checkImages(
  db: Db,
  ownerId: string,
  images: readonly ImageAttachment[],
): Promise<{ fileId: string; alt: string }[]> {
  const wanted = images.map((image) => ({ fileId: image.fileId, alt: image.alt ?? '' }));
  if (wanted.length === 0) return [];
  const { rows } = await db.query<{ id: string }>('SELECT id FROM files WHERE id = ANY($1::text[]) AND owner_id = $2', [
    wanted.map((image) => image.fileId),
    ownerId,
  ]);
  const owned = new Set(rows.map((row) => row.id));
  const problems: FieldErrors = {};
  const seen = new Set<string>();
  wanted.forEach((image, index) => {
    if (!owned.has(image.fileId)) problems[`images.${index}.fileId`] = ['No image you uploaded has this id'];
    else if (seen.has(image.fileId)) problems[`images.${index}.fileId`] = ['This image is attached twice'];
    seen.add(image.fileId);
  });
  if (Object.keys(problems).length > 0) throw validationFailed('An image cannot be attached', problems);
  return wanted;
}

/** 400 unless the viewer can see the poll and it is company-wide or of the post's group. */
export async function checkPoll(db: Db, pollId: string, viewerId: string, groupId: string | null): Promise<void> {
  const { rows } = await db.query(
    `SELECT 1 FROM polls p WHERE p.id = $1 AND ${visibleToViewerSql('p.group_id', '$2::text')}
        AND (p.group_id IS NULL OR p.group_id = $3::text)`,
    [pollId, viewerId, groupId],
  );
  if (rows.length === 0) {
    throw validationFailed('The poll cannot be attached', {
      pollId: ['No poll you can see in this audience has this id'],
    });
  }
}

export interface AnnouncementRow {
  pinned: boolean;
  urgent: boolean;
  ackRequired: boolean;
  expiresAt: Date | null;
}

export interface NewPost {
  id: string;
  authorId: string;
  groupId: string | null;
  body: LexedBody;
  images: readonly { fileId: string; alt: string }[];
  pollId: string | null;
  announcement: AnnouncementRow | null;
  createdAt: Date;
}

/**
 * Inserts a post with its images; nothing when the id exists (seeding repeats).
 * @returns whether it was inserted
 */
export async function insertPost(db: Db, post: NewPost): Promise<boolean> {
  const a = post.announcement;
  const { rows } = await db.query(
    `INSERT INTO posts (id, author_id, group_id, body_source, body_nodes, topics, mention_ids, poll_id,
                        is_announcement, pinned, urgent, ack_required, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::text[], $7::text[], $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      post.id,
      post.authorId,
      post.groupId,
      post.body.source,
      JSON.stringify(post.body.nodes),
      post.body.topics,
      post.body.mentionIds,
      post.pollId,
      a !== null,
      a?.pinned ?? false,
      a?.urgent ?? false,
      a?.ackRequired ?? false,
      a?.expiresAt ?? null,
      post.createdAt,
    ],
  );
  if (rows.length === 0) return false;
  await replaceImages(db, 'post', post.id, post.images);
  return true;
}

export interface PostChanges {
  body?: LexedBody;
  images?: readonly { fileId: string; alt: string }[];
  pollId?: string | null;
  announcement?: AnnouncementRow | null;
  editedAt: Date;
}

/** @returns the files the edit took out of the post (its images before, when `images` changes) */
export async function updatePost(db: Db, id: string, changes: PostChanges): Promise<string[]> {
  const sets: string[] = ['edited_at = $2'];
  const params: (string | boolean | Date | null | readonly string[])[] = [id, changes.editedAt];
  const set = (column: string, value: string | boolean | Date | null | readonly string[], cast = '') => {
    params.push(value);
    sets.push(`${column} = $${params.length}${cast}`);
  };
  if (changes.body) {
    set('body_source', changes.body.source);
    set('body_nodes', JSON.stringify(changes.body.nodes), '::jsonb');
    set('topics', changes.body.topics, '::text[]');
    set('mention_ids', changes.body.mentionIds, '::text[]');
  }
  if (changes.pollId !== undefined) set('poll_id', changes.pollId);
  if (changes.announcement !== undefined) {
    const a = changes.announcement;
    set('is_announcement', a !== null);
    set('pinned', a?.pinned ?? false);
    set('urgent', a?.urgent ?? false);
    set('ack_required', a?.ackRequired ?? false);
    set('expires_at', a?.expiresAt ?? null);
  }
  await db.query(`UPDATE posts SET ${sets.join(', ')} WHERE id = $1`, params);
  return changes.images ? replaceImages(db, 'post', id, changes.images) : [];
}

/** Replaces the images of a post or comment, in order. @returns the files it had before */
export async function replaceImages(
  db: Db,
  owner: 'post' | 'comment',
  id: string,
  images: readonly { fileId: string; alt: string }[],
): Promise<string[]> {
  const table = owner === 'post' ? 'post_images' : 'comment_images';
  const column = owner === 'post' ? 'post_id' : 'comment_id';
  const { rows } = await db.query<{ file_id: string }>(`DELETE FROM ${table} WHERE ${column} = $1 RETURNING file_id`, [
    id,
  ]);
  const before = rows.map((row) => row.file_id);
  if (images.length === 0) return before;
  await db.query(
    `INSERT INTO ${table} (${column}, position, file_id, alt)
     SELECT $1, image.position, image.file_id, image.alt
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS image(file_id, alt, position)`,
    [id, images.map((image) => image.fileId), images.map((image) => image.alt)],
  );
  return before;
}

export async function deletePost(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM posts WHERE id = $1', [id]);
}

/** Sets (or replaces) the user's one reaction to the post. */
export async function saveReaction(db: Db, postId: string, userId: string, kind: ReactionKind, now: Date) {
  await db.query(
    `INSERT INTO post_reactions (post_id, user_id, kind, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (post_id, user_id) DO UPDATE SET kind = EXCLUDED.kind, created_at = EXCLUDED.created_at
       WHERE post_reactions.kind <> EXCLUDED.kind`,
    [postId, userId, kind, now],
  );
}

/** Removes the user's reaction when it is of this kind. */
export async function deleteReaction(db: Db, postId: string, userId: string, kind: ReactionKind) {
  await db.query('DELETE FROM post_reactions WHERE post_id = $1 AND user_id = $2 AND kind = $3', [
    postId,
    userId,
    kind,
  ]);
}

/** @returns whether this acknowledgement is new */
export async function acknowledge(db: Db, postId: string, userId: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO post_acknowledgements (post_id, user_id, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (post_id, user_id) DO NOTHING RETURNING post_id`,
    [postId, userId, now],
  );
  return rows.length > 0;
}

/** @returns the stored report, or null when this user had already reported the post */
export async function insertReport(
  db: Db,
  report: { postId: string; userId: string; reason: ReportReason; note: string; createdAt: Date },
): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO post_reports (post_id, user_id, reason, note, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (post_id, user_id) DO NOTHING RETURNING post_id`,
    [report.postId, report.userId, report.reason, report.note, report.createdAt],
  );
  return rows.length > 0;
}

/** Hides (`at` a time) or restores (`at` null) a post. @returns whether anything changed */
export async function setHidden(db: Db, postId: string, at: Date | null, by: string): Promise<boolean> {
  const { rows } = await db.query(
    at
      ? 'UPDATE posts SET hidden_at = $2, hidden_by = $3 WHERE id = $1 AND hidden_at IS NULL RETURNING id'
      : 'UPDATE posts SET hidden_at = NULL, hidden_by = NULL WHERE id = $1 AND hidden_at IS NOT NULL RETURNING id',
    at ? [postId, at, by] : [postId],
  );
  return rows.length > 0;
}
