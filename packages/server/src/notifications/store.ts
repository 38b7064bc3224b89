import { randomUUID } from 'node:crypto';
import type { Db } from '../db.ts';
import { recordEvent } from '../realtime/outbox.ts';

export type NotificationKind = 'mention' | 'answer' | 'expert-question';

export interface NewNotification {
  /** Who is told. Nobody is told about their own action: the actor is skipped. */
  userIds: readonly string[];
  kind: NotificationKind;
  entityType: 'post' | 'comment' | 'question' | 'answer';
  entityId: string;
  actorId: string | null;
  /** The group of the content: a notification never reaches someone who cannot see it. */
  groupId: string | null;
  at: Date;
}

/**
 * Stores one notification per recipient who may see the content, in the caller's transaction, and
 * records a `notification.created` event addressed to each of them.
 * @returns the ids of the users notified
 */
export async function notify(db: Db, notification: NewNotification): Promise<string[]> {
  const candidates = [...new Set(notification.userIds)].filter((id) => id !== notification.actorId);
  if (candidates.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT u.id FROM users u
      WHERE u.id = ANY($1::text[])
        AND ($2::text IS NULL OR EXISTS (
          SELECT 1 FROM groups g WHERE g.id = $2 AND (g.visibility = 'public' OR EXISTS (
            SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.user_id = u.id))))`,
    [candidates, notification.groupId],
  );
  const recipients = rows.map((row) => row.id);
  for (const userId of recipients) {
    const id = `ntf-${randomUUID()}`;
    await db.query(
      `INSERT INTO notifications (id, user_id, kind, entity_type, entity_id, actor_id, group_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        userId,
        notification.kind,
        notification.entityType,
        notification.entityId,
        notification.actorId,
        notification.groupId,
        notification.at,
      ],
    );
    await recordEvent(db, { type: 'notification.created', entityId: id, userId, at: notification.at });
  }
  return recipients;
}
