import { Hono, type Context } from 'hono';
import { ReportRequest, type ModerationQueue, type Report, type ReportReason } from '@plaza/contract';
import { requireViewer } from '../auth/viewer.ts';
import { readBody } from '../http/body.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { moderatesSql, postForWrite } from '../posts/access.ts';
import { loadPosts, usersById } from '../posts/load.ts';
import { announcePost, respondWithPost } from '../posts/routes.ts';
import { insertReport, setHidden } from '../posts/store.ts';

/** Reported posts listed at most. */
const QUEUE_LIMIT = 100;

/**
 * `/v1/posts/{id}/…` moderation: report (anyone who sees the post, once), hide and restore (its
 * moderators). Reporting records no realtime event: no post as anyone sees it changes.
 */
export function moderationPostRoutes(settings: AppSettings): Hono<AppEnv> {
  const hideOrRestore = (hide: boolean) => async (c: Context<AppEnv>) => {
    const viewer = requireViewer(c);
    const id = c.req.param('id')!;
    const db = c.get('db');
    const post = await postForWrite(db, viewer, id, 'update');
    if (!post.canModerate) throw new ApiError(403, 'forbidden', 'Only moderators can hide or restore posts');
    const now = settings.now();
    // Hiding a hidden post changes nothing, so a retry without an Idempotency-Key still succeeds.
    if (await setHidden(db, id, hide ? now : null, viewer.id)) await announcePost(db, 'post.updated', post, now);
    return respondWithPost(c, id);
  };

  return new Hono<AppEnv>()
    .post('/:id/reports', async (c) => {
      const viewer = requireViewer(c);
      const id = c.req.param('id');
      const db = c.get('db');
      const post = await postForWrite(db, viewer, id, 'share');
      if (post.authorId === viewer.id) throw new ApiError(403, 'forbidden', 'You cannot report your own post');
      const input = await readBody(c, ReportRequest);
      const now = settings.now();
      const note = input.note ?? '';
      if (!(await insertReport(db, { postId: id, userId: viewer.id, reason: input.reason, note, createdAt: now }))) {
        throw new ApiError(409, 'conflict', 'You have already reported this post');
      }
      const report: Report = { postId: id, reason: input.reason, note, createdAt: now.toISOString() };
      return c.json(report, 201);
    })
    .post('/:id/hide', hideOrRestore(true))
    .post('/:id/restore', hideOrRestore(false));
}

/** `/v1/moderation`: the reports queue of the posts the viewer moderates. */
export function moderationRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/reports', async (c) => {
    const viewer = requireViewer(c);
    const db = c.get('db');
    if (viewer.role !== 'manager') {
      const { rows } = await db.query("SELECT 1 FROM group_members WHERE user_id = $1 AND role = 'admin' LIMIT 1", [
        viewer.id,
      ]);
      if (rows.length === 0) throw new ApiError(403, 'forbidden', 'Only managers moderate posts');
    }
    const { rows: reported } = await db.query<{ post_id: string; last_reported_at: Date }>(
      `SELECT r.post_id, max(r.created_at) AS last_reported_at
         FROM post_reports r JOIN posts p ON p.id = r.post_id
        WHERE ${moderatesSql('p.group_id', '$1', '$2')}
        GROUP BY r.post_id
        ORDER BY last_reported_at DESC, r.post_id
        LIMIT ${QUEUE_LIMIT}`,
      [viewer.id, viewer.role],
    );
    const postIds = reported.map((row) => row.post_id);
    const posts = await loadPosts(db, postIds, viewer);
    const { rows: reports } = await db.query<{
      post_id: string;
      user_id: string;
      reason: ReportReason;
      note: string;
      created_at: Date;
    }>(
      `SELECT post_id, user_id, reason, note, created_at FROM post_reports WHERE post_id = ANY($1::text[])
        ORDER BY created_at DESC, user_id`,
      [postIds],
    );
    const reporters = await usersById(
      db,
      reports.map((report) => report.user_id),
    );
    const lastReported = new Map(reported.map((row) => [row.post_id, row.last_reported_at]));
    const queue: ModerationQueue = {
      items: posts.map((post) => ({
        post,
        reports: reports
          .filter((report) => report.post_id === post.id)
          .flatMap((report) => {
            const reporter = reporters.get(report.user_id);
            return reporter
              ? [{ reason: report.reason, note: report.note, reporter, createdAt: report.created_at.toISOString() }]
              : [];
          }),
        lastReportedAt: lastReported.get(post.id)!.toISOString(),
      })),
    };
    return c.json(queue);
  });
}
