import type { GroupContributor } from '@plaza/contract';
import type { Db } from '../db.ts';
import { toUserRef } from '../users/store.ts';

/** At most this many people are listed. */
export const TOP_CONTRIBUTORS = 3;

/** Midnight UTC of the first day of `now`'s month. */
export const startOfMonth = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/**
 * The group's most active people since `since`: visible posts, answers to the group's questions, and accepted
 * answers (weighted twice: an accepted answer is what a community of practice is for). Ties by name.
 */
export async function topContributors(db: Db, groupId: string, since: Date, until: Date): Promise<GroupContributor[]> {
  return (await topContributorsOf(db, [groupId], since, until)).get(groupId) ?? [];
}

/** {@link topContributors} of several groups in one query: group id → its people, best first. */
export async function topContributorsOf(
  db: Db,
  groupIds: readonly string[],
  since: Date,
  until: Date,
): Promise<Map<string, GroupContributor[]>> {
  const result = new Map<string, GroupContributor[]>();
  if (groupIds.length === 0) return result;
  const { rows } = await db.query<{
    group_id: string;
    id: string;
    name: string;
    title: string | null;
    avatar_url: string | null;
    posts: number;
    answers: number;
    accepted: number;
  }>(
    `WITH activity AS (
       SELECT p.group_id, p.author_id AS user_id, 1 AS posts, 0 AS answers, 0 AS accepted
         FROM posts p
        WHERE p.group_id = ANY($1::text[]) AND p.hidden_at IS NULL AND p.created_at >= $2 AND p.created_at <= $3
       UNION ALL
       SELECT q.group_id, a.author_id, 0, 1, CASE WHEN q.accepted_answer_id = a.id THEN 1 ELSE 0 END
         FROM answers a JOIN questions q ON q.id = a.question_id
        WHERE q.group_id = ANY($1::text[]) AND a.created_at >= $2 AND a.created_at <= $3
     ), totals AS (
       SELECT activity.group_id, u.id, u.name, u.title, u.avatar_url,
              sum(activity.posts)::int AS posts, sum(activity.answers)::int AS answers,
              sum(activity.accepted)::int AS accepted,
              row_number() OVER (
                PARTITION BY activity.group_id
                ORDER BY sum(activity.posts) + sum(activity.answers) + 2 * sum(activity.accepted) DESC, u.name, u.id
              ) AS rank
         FROM activity JOIN users u ON u.id = activity.user_id
        GROUP BY activity.group_id, u.id, u.name, u.title, u.avatar_url
     )
     SELECT * FROM totals WHERE rank <= ${TOP_CONTRIBUTORS} ORDER BY group_id, rank`,
    [groupIds, since, until],
  );
  for (const row of rows) {
    const list = result.get(row.group_id) ?? [];
    list.push({ user: toUserRef(row), posts: row.posts, answers: row.answers, acceptedAnswers: row.accepted });
    result.set(row.group_id, list);
  }
  return result;
}
