import type { Catalog } from '@plaza/contract';
import type { Db } from '../db.ts';
import { visibleToViewerSql } from '../groups/access.ts';

/** Most polls the catalog lists: a picker, not an archive. */
export const CATALOG_POLL_LIMIT = 100;

/** What the viewer may embed: visible polls (newest first), every group, topics with experts or visible questions. */
export async function loadCatalog(db: Db, viewerId: string | null, now: Date): Promise<Catalog> {
  const polls = await db.query<{ id: string; question: string; group_id: string | null; closed: boolean }>(
    `SELECT p.id, p.question, p.group_id,
            (p.closed_at IS NOT NULL OR (p.closes_at IS NOT NULL AND p.closes_at <= $2)) AS closed
       FROM polls p
      WHERE ${visibleToViewerSql('p.group_id', '$1')}
      ORDER BY p.created_at DESC, p.id
      LIMIT ${CATALOG_POLL_LIMIT}`,
    [viewerId, now],
  );
  const groups = await db.query<{ id: string; name: string; visibility: 'public' | 'private' }>(
    `SELECT id, name, visibility FROM groups ORDER BY lower(name), id`,
  );
  const topics = await db.query<{ topic: string }>(
    `SELECT topic FROM experts
     UNION
     SELECT q.topic FROM questions q WHERE ${visibleToViewerSql('q.group_id', '$1')}
     ORDER BY topic`,
    [viewerId],
  );
  return {
    polls: polls.rows.map((row) => ({ id: row.id, question: row.question, groupId: row.group_id, closed: row.closed })),
    groups: groups.rows,
    topics: topics.rows.map((row) => row.topic),
  };
}
