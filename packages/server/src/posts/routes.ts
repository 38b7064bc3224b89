import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import {
  CreateCommentRequest,
  CreatePostRequest,
  EditCommentRequest,
  EditPostRequest,
  POST_LIMITS,
  ReactionKind,
  type AnnouncementInput,
  type Deleted,
  type User,
} from '@plaza/contract';
import { requireViewer } from '../auth/viewer.ts';
import type { Db } from '../db.ts';
import type { GroupAccess } from '../groups/access.ts';
import { readBody } from '../http/body.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { ApiError, notFound, validationFailed } from '../http/errors.ts';
import { notify } from '../notifications/store.ts';
import { recordEvent } from '../realtime/outbox.ts';
import { moderates, postForWrite, requireMembership, type PostForWrite } from './access.ts';
import {
  deleteComment,
  insertComment,
  loadComment,
  loadCommentPage,
  lockComment,
  threadOf,
  updateComment,
} from './comments.ts';
import { parseIds } from '../http/query.ts';
import { decodeCursor, encodeCursor, parseLimit } from './cursor.ts';
import { loadPosts } from './load.ts';
import {
  acknowledge,
  checkImages,
  checkPoll,
  deletePost,
  deleteReaction,
  insertPost,
  lexBody,
  saveReaction,
  updatePost,
  type AnnouncementRow,
} from './store.ts';
import { attachedFiles, deleteUnusedFiles } from '../files/storage.ts';

/** The post as the viewer sees it now (after a write in this request's transaction), or 404. */
export async function respondWithPost(c: Context<AppEnv>, id: string, status: 200 | 201 = 200) {
  const [post] = await loadPosts(c.get('db'), [id], c.get('viewer'));
  if (!post) throw notFound('No post has this id');
  return c.json(post, status);
}

/** Tells every page showing the post (and allowed to see it) that it changed; delivered on commit. */
export const announcePost = (
  db: Db,
  type: 'post.created' | 'post.updated' | 'post.deleted',
  post: { id: string; groupId: string | null },
  at: Date,
) => recordEvent(db, { type, entityId: post.id, groupId: post.groupId, at });

/** `/v1/posts`: batch read, read, create, edit, delete, reactions, comments, acknowledgements. */
export function postRoutes(settings: AppSettings): Hono<AppEnv> {
  const kindOf = (c: Context<AppEnv>) => {
    const result = z.safeParse(ReactionKind, c.req.param('kind'));
    if (!result.success) {
      throw validationFailed('Unknown reaction', { kind: [`One of: ${ReactionKind.options.join(', ')}`] });
    }
    return result.data;
  };

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const ids = parseIds(c.req.query('ids'), 'post');
      return c.json({ items: await loadPosts(c.get('db'), ids, c.get('viewer')) });
    })

    .post('/', async (c) => {
      const viewer = requireViewer(c);
      const input = await readBody(c, CreatePostRequest);
      const db = c.get('db');
      const now = settings.now();
      const groupId = input.groupId ?? null;
      const access = await requireMembership(db, viewer, groupId);
      const announcement = announcementRow(input.announcement ?? null, viewer, groupId, access, now);
      const images = await checkImages(db, viewer.id, input.images ?? []);
      const pollId = input.pollId ?? null;
      if (pollId !== null) await checkPoll(db, pollId, viewer.id, groupId);
      const body = await lexBody(db, input.body);
      const id = `post-${randomUUID()}`;
      await insertPost(db, { id, authorId: viewer.id, groupId, body, images, pollId, announcement, createdAt: now });
      await announcePost(db, 'post.created', { id, groupId }, now);
      await notifyMentions(db, body.mentionIds, { entityType: 'post', entityId: id, viewer, groupId, now });
      c.header('Location', `/v1/posts/${id}`);
      return respondWithPost(c, id, 201);
    })

    .get('/:id', (c) => respondWithPost(c, c.req.param('id')))

    .patch('/:id', async (c) => {
      const viewer = requireViewer(c);
      const id = c.req.param('id');
      const db = c.get('db');
      const post = await postForWrite(db, viewer, id, 'update');
      if (post.authorId !== viewer.id) throw new ApiError(403, 'forbidden', 'Only the author can edit a post');
      const input = await readBody(c, EditPostRequest);
      const now = settings.now();
      const { rows } = await db.query<{ mention_ids: string[] }>('SELECT mention_ids FROM posts WHERE id = $1', [id]);
      const before = new Set(rows[0]?.mention_ids ?? []);
      const body = input.body === undefined ? undefined : await lexBody(db, input.body);
      const images = input.images === undefined ? undefined : await checkImages(db, viewer.id, input.images);
      if (input.pollId) await checkPoll(db, input.pollId, viewer.id, post.groupId);
      const announcement =
        input.announcement === undefined
          ? undefined
          : announcementRow(input.announcement, viewer, post.groupId, post.access, now);
      const hadFiles = await updatePost(db, id, {
        editedAt: now,
        ...(body ? { body } : {}),
        ...(images ? { images } : {}),
        ...(input.pollId !== undefined ? { pollId: input.pollId } : {}),
        ...(announcement !== undefined ? { announcement } : {}),
      });
      await deleteUnusedFiles(db, settings.fileStorage, hadFiles);
      await announcePost(db, 'post.updated', post, now);
      if (body) {
        const added = body.mentionIds.filter((userId) => !before.has(userId));
        await notifyMentions(db, added, { entityType: 'post', entityId: id, viewer, groupId: post.groupId, now });
      }
      return respondWithPost(c, id);
    })

    .delete('/:id', async (c) => {
      const viewer = requireViewer(c);
      const id = c.req.param('id');
      const db = c.get('db');
      const post = await postForWrite(db, viewer, id, 'update');
      if (post.authorId !== viewer.id && !post.canModerate) {
        throw new ApiError(403, 'forbidden', 'Only the author or a moderator can delete a post');
      }
      const hadFiles = await attachedFiles(db, { posts: [id] });
      await deletePost(db, id);
      await deleteUnusedFiles(db, settings.fileStorage, hadFiles);
      await announcePost(db, 'post.deleted', post, settings.now());
      const deleted: Deleted = { id };
      return c.json(deleted);
    })

    .put('/:id/reactions/:kind', async (c) => {
      const viewer = requireViewer(c);
      const kind = kindOf(c);
      const id = c.req.param('id');
      const db = c.get('db');
      const post = await postForWrite(db, viewer, id, 'share');
      const now = settings.now();
      await saveReaction(db, id, viewer.id, kind, now);
      await announcePost(db, 'post.updated', post, now);
      return respondWithPost(c, id);
    })

    .delete('/:id/reactions/:kind', async (c) => {
      const viewer = requireViewer(c);
      const kind = kindOf(c);
      const id = c.req.param('id');
      const db = c.get('db');
      const post = await postForWrite(db, viewer, id, 'share');
      await deleteReaction(db, id, viewer.id, kind);
      await announcePost(db, 'post.updated', post, settings.now());
      return respondWithPost(c, id);
    })

    .post('/:id/acknowledgements', async (c) => {
      const viewer = requireViewer(c);
      const id = c.req.param('id');
      const db = c.get('db');
      const post = await postForWrite(db, viewer, id, 'share');
      if (!post.ackRequired) throw new ApiError(409, 'conflict', 'This post asks for no acknowledgement');
      const now = settings.now();
      // Confirming twice changes nothing, so a retry without an Idempotency-Key still succeeds.
      if (await acknowledge(db, id, viewer.id, now)) await announcePost(db, 'post.updated', post, now);
      return respondWithPost(c, id);
    })

    .get('/:id/comments', async (c) => {
      const id = c.req.param('id');
      const viewer = c.get('viewer');
      const [post] = await loadPosts(c.get('db'), [id], viewer);
      if (!post) throw notFound('No post has this id');
      const limit = parseLimit(c.req.query('limit'), POST_LIMITS.commentPageDefault, POST_LIMITS.commentPageMax);
      const before = decodeCursor(c.req.query('before'), 'before');
      const page = await loadCommentPage(c.get('db'), id, { limit, before }, { viewer, canModerate: post.canModerate });
      return c.json({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null, total: page.total });
    })

    .post('/:id/comments', async (c) => {
      const viewer = requireViewer(c);
      const id = c.req.param('id');
      const db = c.get('db');
      const post = await postForWrite(db, viewer, id, 'share');
      await requireMembership(db, viewer, post.groupId);
      const input = await readBody(c, CreateCommentRequest);
      const now = settings.now();
      let parentId: string | null = null;
      if (input.parentId) {
        // One level of replies: a reply to a reply joins its top-level comment's thread.
        parentId = await threadOf(db, id, input.parentId);
        if (parentId === null) {
          throw validationFailed('No such comment', { parentId: ['No comment of this post has this id'] });
        }
      }
      const images = await checkImages(db, viewer.id, input.images ?? []);
      const body = await lexBody(db, input.body);
      const commentId = `cmt-${randomUUID()}`;
      await insertComment(db, {
        id: commentId,
        postId: id,
        parentId,
        authorId: viewer.id,
        body,
        images,
        createdAt: now,
      });
      await recordEvent(db, { type: 'comment.created', entityId: commentId, groupId: post.groupId, at: now });
      await announcePost(db, 'post.updated', post, now);
      await notifyMentions(db, body.mentionIds, {
        entityType: 'comment',
        entityId: commentId,
        viewer,
        groupId: post.groupId,
        now,
      });
      const comment = await loadComment(db, commentId, { viewer, canModerate: post.canModerate });
      c.header('Location', `/v1/comments/${commentId}`);
      return c.json(comment, 201);
    });
}

/** `/v1/comments`: edit and delete one comment. */
export function commentRoutes(settings: AppSettings): Hono<AppEnv> {
  /** The comment and its post, or 404 when the viewer cannot see the post. */
  const commentForWrite = async (db: Db, viewer: User, id: string) => {
    const comment = await lockComment(db, id);
    if (!comment) throw notFound('No comment has this id');
    let post: PostForWrite;
    try {
      post = await postForWrite(db, viewer, comment.postId, 'share');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw notFound('No comment has this id');
      throw error;
    }
    return { comment, post };
  };

  return new Hono<AppEnv>()
    .patch('/:id', async (c) => {
      const viewer = requireViewer(c);
      const id = c.req.param('id');
      const db = c.get('db');
      const { comment, post } = await commentForWrite(db, viewer, id);
      if (comment.authorId !== viewer.id) throw new ApiError(403, 'forbidden', 'Only the author can edit a comment');
      const input = await readBody(c, EditCommentRequest);
      const now = settings.now();
      const body = input.body === undefined ? undefined : await lexBody(db, input.body);
      const images = input.images === undefined ? undefined : await checkImages(db, viewer.id, input.images);
      const hadFiles = await updateComment(db, id, {
        editedAt: now,
        ...(body ? { body } : {}),
        ...(images ? { images } : {}),
      });
      await deleteUnusedFiles(db, settings.fileStorage, hadFiles);
      await recordEvent(db, { type: 'comment.updated', entityId: id, groupId: post.groupId, at: now });
      if (body) {
        const added = body.mentionIds.filter((userId) => !comment.mentionIds.includes(userId));
        await notifyMentions(db, added, { entityType: 'comment', entityId: id, viewer, groupId: post.groupId, now });
      }
      return c.json(await loadComment(db, id, { viewer, canModerate: post.canModerate }));
    })

    .delete('/:id', async (c) => {
      const viewer = requireViewer(c);
      const id = c.req.param('id');
      const db = c.get('db');
      const { comment, post } = await commentForWrite(db, viewer, id);
      if (comment.authorId !== viewer.id && !post.canModerate) {
        throw new ApiError(403, 'forbidden', 'Only the author or a moderator can delete a comment');
      }
      const now = settings.now();
      const hadFiles = await attachedFiles(db, { comments: [id] });
      const deletedIds = await deleteComment(db, id);
      await deleteUnusedFiles(db, settings.fileStorage, hadFiles);
      for (const deletedId of deletedIds) {
        await recordEvent(db, { type: 'comment.deleted', entityId: deletedId, groupId: post.groupId, at: now });
      }
      await announcePost(db, 'post.updated', post, now);
      const deleted: Deleted = { id };
      return c.json(deleted);
    });
}

/**
 * The stored announcement settings, or 403 when the viewer does not manage the audience (company managers
 * company-wide, the group's managers in a group).
 */
function announcementRow(
  input: AnnouncementInput | null,
  viewer: User,
  groupId: string | null,
  access: GroupAccess,
  now: Date,
): AnnouncementRow | null {
  if (input === null) return null;
  if (!moderates(viewer, groupId, access)) {
    throw new ApiError(
      403,
      'forbidden',
      groupId === null
        ? 'Only managers post company-wide announcements'
        : 'Only the group’s managers post announcements',
    );
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw validationFailed('The announcement is not valid', { 'announcement.expiresAt': ['Must be in the future'] });
  }
  return {
    pinned: input.pinned ?? false,
    urgent: input.urgent ?? false,
    ackRequired: input.ackRequired ?? false,
    expiresAt,
  };
}

/** Tells the people mentioned (who can see the content; never the author) about it. */
async function notifyMentions(
  db: Db,
  userIds: readonly string[],
  target: { entityType: 'post' | 'comment'; entityId: string; viewer: User; groupId: string | null; now: Date },
) {
  if (userIds.length === 0) return;
  await notify(db, {
    userIds,
    kind: 'mention',
    entityType: target.entityType,
    entityId: target.entityId,
    actorId: target.viewer.id,
    groupId: target.groupId,
    at: target.now,
  });
}
