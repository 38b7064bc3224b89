import * as z from 'zod/mini';
import { Id, Timestamp, noNul } from './common.ts';
import { UserRef } from './user.ts';

/** Why someone is told: mentioned, their question was answered, a new question in their expert topic. */
export const NotificationKind = z.enum(['mention', 'answer', 'expert-question']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** What a notification points at. */
export const NotificationEntityType = z.enum(['post', 'comment', 'question', 'answer']);
export type NotificationEntityType = z.infer<typeof NotificationEntityType>;

/** Something the signed-in user should hear about. */
export const Notification = z.object({
  id: Id,
  kind: NotificationKind,
  /** The type of the thing to open (for `answer` and `expert-question`: the question). */
  entityType: NotificationEntityType,
  /** Its id. */
  entityId: Id,
  /** Who did it; null for anonymous askers (and deleted users). */
  actor: z.nullable(UserRef),
  createdAt: Timestamp,
  /** The user has marked it read. */
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;

/** `GET /v1/notifications`: the viewer's notifications, newest first. */
export const NotificationPage = z.object({
  items: z.array(Notification),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: z.nullable(z.string()),
  /** Unread notifications in total (not only on this page). */
  unreadCount: z.int().check(z.minimum(0)),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

/** `POST /v1/notifications/read`: either some ids (at most 100) or `all: true`. */
export const MarkNotificationsReadRequest = z
  .object({
    /** The notifications to mark read; ids that are not the viewer's are ignored. */
    ids: z.optional(z.array(Id.check(noNul())).check(z.minLength(1), z.maxLength(100))),
    /** Mark every notification of the viewer read. */
    all: z.optional(z.literal(true)),
  })
  .check(
    z.refine((request) => (request.ids === undefined) !== (request.all === undefined), {
      message: 'Give either ids or all: true',
    }),
  );
export type MarkNotificationsReadRequest = z.infer<typeof MarkNotificationsReadRequest>;

/** The answer to `POST /v1/notifications/read`. */
export const MarkNotificationsReadResponse = z.object({
  /** How many notifications were unread and are read now. */
  marked: z.int().check(z.minimum(0)),
  /** Unread notifications left. */
  unreadCount: z.int().check(z.minimum(0)),
});
export type MarkNotificationsReadResponse = z.infer<typeof MarkNotificationsReadResponse>;
