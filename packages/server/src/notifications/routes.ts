import { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  MarkNotificationsReadRequest,
  type MarkNotificationsReadResponse,
  type Notification,
  type NotificationEntityType,
  type NotificationKind,
  type NotificationPage,
} from '@plaza/contract';
import { requireViewer } from '../auth/viewer.ts';
import type { Db } from '../db.ts';
import { visibleToViewerSql } from '../groups/access.ts';
import { readBody, validate } from '../http/body.ts';
import { cursorId, cursorTime, decodeCursor, encodeCursor, parseLimit } from '../http/query.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { toUserRef } from '../users/store.ts';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 50;

const ListQuery = z.object({
  cursor: z.optional(z.string().check(z.maxLength(500))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
});

const CursorShape = z.tuple([cursorTime(), cursorId()]);

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  entity_type: NotificationEntityType;
  entity_id: string;
  created_at: Date;
  read_at: Date | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_title: string | null;
  actor_avatar_url: string | null;
}

/** `/v1/notifications`: the viewer's notifications, and marking them read. */
export function notificationRoutes(settings: AppSettings): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const viewer = requireViewer(c);
      const query = validate(ListQuery, c.req.query());
      const limit = parseLimit(query.limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
      const position = query.cursor === undefined ? null : decodeCursor(query.cursor, CursorShape);
      const after = position && { createdAt: new Date(position[0]), id: position[1] };
      const db = c.get('db');
      const { rows } = await db.query<NotificationRow>(
        `SELECT n.id, n.kind, n.entity_type, n.entity_id, n.created_at, n.read_at,
                u.id AS actor_id, u.name AS actor_name, u.title AS actor_title, u.avatar_url AS actor_avatar_url
           FROM notifications n LEFT JOIN users u ON u.id = n.actor_id
          WHERE n.user_id = $1 AND ${visibleToViewerSql('n.group_id', '$1')}
            AND ($2::timestamptz IS NULL OR n.created_at < $2 OR (n.created_at = $2 AND n.id < $3))
          ORDER BY n.created_at DESC, n.id DESC
          LIMIT $4`,
        [viewer.id, after?.createdAt ?? null, after?.id ?? '', limit + 1],
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor = rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null;
      const body: NotificationPage = {
        items: page.map(toNotification),
        nextCursor,
        unreadCount: await unreadCount(db, viewer.id),
      };
      return c.json(body);
    })

    .post('/read', async (c) => {
      const viewer = requireViewer(c);
      const request = await readBody(c, MarkNotificationsReadRequest);
      const db = c.get('db');
      const { rows } = await db.query<{ id: string }>(
        `UPDATE notifications SET read_at = $2
          WHERE user_id = $1 AND read_at IS NULL AND ($3::text[] IS NULL OR id = ANY($3::text[]))
          RETURNING id`,
        [viewer.id, settings.now(), request.all ? null : (request.ids ?? [])],
      );
      const body: MarkNotificationsReadResponse = {
        marked: rows.length,
        unreadCount: await unreadCount(db, viewer.id),
      };
      return c.json(body);
    });
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    entityType: row.entity_type,
    entityId: row.entity_id,
    actor:
      row.actor_id !== null && row.actor_name !== null
        ? toUserRef({
            id: row.actor_id,
            name: row.actor_name,
            title: row.actor_title,
            avatar_url: row.actor_avatar_url,
          })
        : null,
    createdAt: row.created_at.toISOString(),
    read: row.read_at !== null,
  };
}

async function unreadCount(db: Db, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications n
      WHERE n.user_id = $1 AND n.read_at IS NULL AND ${visibleToViewerSql('n.group_id', '$1')}`,
    [userId],
  );
  return rows[0]?.n ?? 0;
}
