import * as z from 'zod/mini';
import { Id } from './common.ts';

/**
 * What changed. Events carry ids, never content: a client that receives one refetches the entity (which
 * applies the viewer's permissions again) or drops it on 404.
 */
export const RealtimeEventType = z.enum([
  'poll.updated',
  'post.created',
  'post.updated',
  'post.deleted',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'group.updated',
  'membership.updated',
  'question.created',
  'question.updated',
  'answer.created',
  'answer.updated',
  'notification.created',
]);
export type RealtimeEventType = z.infer<typeof RealtimeEventType>;

/**
 * One Server-Sent Event of `GET /v1/events`: the SSE `id:` is `id` (send it back as `Last-Event-ID` to
 * resume), the SSE `event:` is `type`, and `data:` is this object as JSON.
 */
export const RealtimeEvent = z.object({
  id: z.string(),
  type: RealtimeEventType,
  entityId: Id,
  groupId: z.nullable(Id),
  at: z.iso.datetime({ offset: true }),
});
export type RealtimeEvent = z.infer<typeof RealtimeEvent>;
