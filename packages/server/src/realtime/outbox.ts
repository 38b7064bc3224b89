import type { RealtimeEventType } from '@plaza/contract';
import type { Db } from '../db.ts';

/** The channel the API nodes LISTEN on; payloads are event ids only (NOTIFY caps payloads at 8,000 bytes). */
export const EVENTS_CHANNEL = 'plaza_events';

export interface EventRecord {
  type: RealtimeEventType;
  entityId: string;
  /** The group whose members (or, for a public group, everyone) may receive it; null = company-wide. */
  groupId?: string | null;
  /** Only this user receives it (notifications). */
  userId?: string | null;
  at: Date;
}

/**
 * Records a realtime event in the request's transaction (`c.get('db')` in a write handler), so it exists
 * exactly when the change does. The NOTIFY is delivered when the transaction commits, never on rollback.
 */
export async function recordEvent(db: Db, event: EventRecord): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO events (type, entity_id, group_id, user_id, created_at) VALUES ($1, $2, $3, $4, $5)
     RETURNING id::text AS id`,
    [event.type, event.entityId, event.groupId ?? null, event.userId ?? null, event.at],
  );
  const id = rows[0]!.id;
  await db.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, id]);
  return id;
}
