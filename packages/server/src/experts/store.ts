import type { Expert } from '@plaza/contract';
import type { Db } from '../db.ts';
import { visibleToViewerSql } from '../groups/access.ts';
import { toUserRef } from '../users/store.ts';

interface ExpertRow {
  user_id: string;
  name: string;
  title: string | null;
  avatar_url: string | null;
  topic: string;
  skills: string[];
  away_until: Date | null;
  away: boolean;
  answer_count: number;
  accepted_count: number;
}

/**
 * The experts (of one topic, or all), available ones first, then by accepted and answer counts. Counts
 * include only answers to questions the viewer may see, so they reveal nothing of private groups.
 */
export async function listExperts(db: Db, topic: string | null, viewerId: string | null, now: Date): Promise<Expert[]> {
  const { rows } = await db.query<ExpertRow>(
    `SELECT e.user_id, u.name, u.title, u.avatar_url, e.topic, e.skills, e.away_until,
            (e.away_until IS NOT NULL AND e.away_until > $3) AS away,
            counts.answer_count, counts.accepted_count
       FROM experts e
       JOIN users u ON u.id = e.user_id
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS answer_count,
                count(*) FILTER (WHERE q.accepted_answer_id = a.id)::int AS accepted_count
           FROM answers a JOIN questions q ON q.id = a.question_id
          WHERE a.author_id = e.user_id AND q.topic = e.topic AND ${visibleToViewerSql('q.group_id', '$2')}
       ) counts
      WHERE ($1::text IS NULL OR e.topic = $1)
      ORDER BY away, counts.accepted_count DESC, counts.answer_count DESC, u.name, e.topic`,
    [topic, viewerId, now],
  );
  return rows.map((row) => ({
    user: toUserRef({ id: row.user_id, name: row.name, title: row.title, avatar_url: row.avatar_url }),
    topic: row.topic,
    skills: row.skills,
    availability: row.away ? 'away' : 'available',
    awayUntil: row.away && row.away_until ? row.away_until.toISOString() : null,
    answerCount: row.answer_count,
    acceptedCount: row.accepted_count,
  }));
}

export interface NewExpert {
  userId: string;
  topic: string;
  skills: readonly string[];
  awayUntil: Date | null;
}

/** Makes someone an expert of a topic; an existing entry is left alone (seeding repeats). */
export async function insertExpert(db: Db, expert: NewExpert): Promise<void> {
  await db.query(
    `INSERT INTO experts (user_id, topic, skills, away_until) VALUES ($1, $2, $3::text[], $4)
     ON CONFLICT (topic, user_id) DO NOTHING`,
    [expert.userId, expert.topic, expert.skills, expert.awayUntil],
  );
}
