import type { Db } from '../db.ts';
import { visibleToViewerSql } from '../groups/access.ts';

/** A question row with what every view of it needs. */
export interface QuestionRow {
  id: string;
  title: string;
  body: string;
  topic: string;
  group_id: string | null;
  tags: string[];
  anonymous: boolean;
  author_id: string;
  author_name: string;
  author_title: string | null;
  author_avatar_url: string | null;
  accepted_answer_id: string | null;
  created_at: Date;
  answer_count: number;
  /** The viewer is an expert of the question's topic. */
  viewer_is_expert: boolean;
  /** 0 for escalated questions of the viewer's expert topics (listed first), else 1. */
  rank: number;
}

export interface AnswerRow {
  id: string;
  question_id: string;
  body: string;
  created_at: Date;
  author_id: string;
  author_name: string;
  author_title: string | null;
  author_avatar_url: string | null;
  votes: number;
  voted_by_me: boolean;
  by_expert: boolean;
  accepted: boolean;
}

/**
 * The questions as rows, `$1` the viewer id (or NULL), `$2` the escalation threshold (questions created
 * before it without an answer are escalated). Only questions the viewer may see.
 */
const questionsVisibleTo = `
  SELECT q.id, q.title, q.body, q.topic, q.group_id, q.tags, q.anonymous, q.author_id, q.accepted_answer_id,
         q.created_at, u.name AS author_name, u.title AS author_title, u.avatar_url AS author_avatar_url,
         ac.answer_count, ex.viewer_is_expert,
         CASE WHEN ex.viewer_is_expert AND ac.answer_count = 0 AND q.created_at < $2 THEN 0 ELSE 1 END AS rank
    FROM questions q
    JOIN users u ON u.id = q.author_id
    CROSS JOIN LATERAL (SELECT count(*)::int AS answer_count FROM answers a WHERE a.question_id = q.id) ac
    CROSS JOIN LATERAL (SELECT EXISTS (
      SELECT 1 FROM experts e WHERE e.topic = q.topic AND e.user_id = $1) AS viewer_is_expert) ex
   WHERE ${visibleToViewerSql('q.group_id', '$1')}`;

/** Where a page of the list starts: after this rank, time and id. */
export interface ListCursor {
  rank: number;
  createdAt: Date;
  id: string;
}

export interface ListQuery {
  viewerId: string | null;
  escalatedBefore: Date;
  topic: string | null;
  groupId: string | null;
  filter: 'recent' | 'unanswered' | 'mine';
  after: ListCursor | null;
  limit: number;
}

/**
 * A page of questions: escalated unanswered questions of the viewer's expert topics first, then newest
 * first. Reads one row more than `limit`, so the caller knows whether there is a next page.
 */
export async function listQuestionRows(db: Db, query: ListQuery): Promise<QuestionRow[]> {
  const params: (string | number | Date | null)[] = [query.viewerId, query.escalatedBefore];
  const conditions: string[] = [];
  const param = (value: string | number | Date | null) => `$${params.push(value)}`;
  if (query.topic !== null) conditions.push(`b.topic = ${param(query.topic)}`);
  if (query.groupId !== null) conditions.push(`b.group_id = ${param(query.groupId)}`);
  if (query.filter === 'unanswered') conditions.push('b.answer_count = 0');
  if (query.filter === 'mine') conditions.push('b.author_id = $1');
  if (query.after) {
    const rank = param(query.after.rank);
    const time = param(query.after.createdAt);
    const id = param(query.after.id);
    conditions.push(
      `(b.rank > ${rank} OR (b.rank = ${rank} AND (b.created_at < ${time} OR (b.created_at = ${time} AND b.id < ${id}))))`,
    );
  }
  const { rows } = await db.query<QuestionRow>(
    `SELECT b.* FROM (${questionsVisibleTo}) b
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY b.rank, b.created_at DESC, b.id DESC
      LIMIT ${param(query.limit + 1)}`,
    params,
  );
  return rows;
}

/** The visible questions with these ids (any order). */
export async function findQuestionRows(
  db: Db,
  ids: readonly string[],
  viewerId: string | null,
  escalatedBefore: Date,
): Promise<QuestionRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<QuestionRow>(`${questionsVisibleTo} AND q.id = ANY($3::text[])`, [
    viewerId,
    escalatedBefore,
    ids,
  ]);
  return rows;
}

/**
 * Visible questions matching `words` in English or German, best first. `words` contains only letters and
 * digits joined by ` | `, so `to_tsquery` cannot meet an operator it would misread.
 */
export async function searchQuestionRows(
  db: Db,
  orQuery: string,
  options: { viewerId: string | null; escalatedBefore: Date; topic: string | null; limit: number },
): Promise<QuestionRow[]> {
  const { rows } = await db.query<QuestionRow>(
    `WITH wanted AS (SELECT to_tsquery('english', $3) || to_tsquery('german', $3) AS tsq)
     SELECT b.* FROM (${questionsVisibleTo}) b
       JOIN questions s ON s.id = b.id
       CROSS JOIN wanted
      WHERE s.search @@ wanted.tsq AND ($4::text IS NULL OR b.topic = $4)
      ORDER BY ts_rank(s.search, wanted.tsq) DESC, b.created_at DESC, b.id DESC
      LIMIT $5`,
    [options.viewerId, options.escalatedBefore, orQuery, options.topic, options.limit],
  );
  return rows;
}

/** The answers of these questions, in display order: accepted first, then by votes, then oldest first. */
export async function findAnswerRows(
  db: Db,
  questionIds: readonly string[],
  viewerId: string | null,
): Promise<AnswerRow[]> {
  if (questionIds.length === 0) return [];
  const { rows } = await db.query<AnswerRow>(
    `SELECT a.id, a.question_id, a.body, a.created_at, a.author_id,
            u.name AS author_name, u.title AS author_title, u.avatar_url AS author_avatar_url,
            (SELECT count(*)::int FROM answer_votes v WHERE v.answer_id = a.id) AS votes,
            EXISTS (SELECT 1 FROM answer_votes v WHERE v.answer_id = a.id AND v.user_id = $2) AS voted_by_me,
            EXISTS (SELECT 1 FROM experts e WHERE e.topic = q.topic AND e.user_id = a.author_id) AS by_expert,
            COALESCE(q.accepted_answer_id = a.id, false) AS accepted
       FROM answers a
       JOIN questions q ON q.id = a.question_id
       JOIN users u ON u.id = a.author_id
      WHERE a.question_id = ANY($1::text[])
      ORDER BY accepted DESC, votes DESC, a.created_at, a.id`,
    [questionIds, viewerId],
  );
  return rows;
}

/** What a write to a question is checked against. */
export interface QuestionForWrite {
  id: string;
  topic: string;
  groupId: string | null;
  authorId: string;
  anonymous: boolean;
  acceptedAnswerId: string | null;
}

/** Reads a question for a write and locks its row until the transaction ends. */
export async function lockQuestion(db: Db, id: string): Promise<QuestionForWrite | null> {
  const { rows } = await db.query<{
    id: string;
    topic: string;
    group_id: string | null;
    author_id: string;
    anonymous: boolean;
    accepted_answer_id: string | null;
  }>('SELECT id, topic, group_id, author_id, anonymous, accepted_answer_id FROM questions WHERE id = $1 FOR UPDATE', [
    id,
  ]);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    topic: row.topic,
    groupId: row.group_id,
    authorId: row.author_id,
    anonymous: row.anonymous,
    acceptedAnswerId: row.accepted_answer_id,
  };
}

/** The answer with its question's id and group, or null. */
export async function findAnswerTarget(
  db: Db,
  answerId: string,
): Promise<{ questionId: string; groupId: string | null; authorId: string } | null> {
  const { rows } = await db.query<{ question_id: string; group_id: string | null; author_id: string }>(
    `SELECT a.question_id, q.group_id, a.author_id FROM answers a JOIN questions q ON q.id = a.question_id
      WHERE a.id = $1 FOR SHARE OF a`,
    [answerId],
  );
  const row = rows[0];
  return row ? { questionId: row.question_id, groupId: row.group_id, authorId: row.author_id } : null;
}

export async function isExpert(db: Db, userId: string, topic: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM experts WHERE user_id = $1 AND topic = $2', [userId, topic]);
  return rows.length > 0;
}

/** The topic's experts who are not away at `now`. */
export async function availableExperts(db: Db, topic: string, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ user_id: string }>(
    'SELECT user_id FROM experts WHERE topic = $1 AND (away_until IS NULL OR away_until <= $2)',
    [topic, now],
  );
  return rows.map((row) => row.user_id);
}

export interface NewQuestion {
  id: string;
  title: string;
  body: string;
  topic: string;
  groupId: string | null;
  tags: readonly string[];
  anonymous: boolean;
  authorId: string;
  createdAt: Date;
}

/**
 * Inserts a question; does nothing when one with this id exists (so seeding can repeat).
 * @returns whether it was inserted
 */
export async function insertQuestion(db: Db, question: NewQuestion): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO questions (id, title, body, topic, group_id, tags, anonymous, author_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      question.id,
      question.title,
      question.body,
      question.topic,
      question.groupId,
      question.tags,
      question.anonymous,
      question.authorId,
      question.createdAt,
    ],
  );
  return rows.length > 0;
}

export interface NewAnswer {
  id: string;
  questionId: string;
  authorId: string;
  body: string;
  createdAt: Date;
}

export async function insertAnswer(db: Db, answer: NewAnswer): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO answers (id, question_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [answer.id, answer.questionId, answer.authorId, answer.body, answer.createdAt],
  );
  return rows.length > 0;
}

export async function setAcceptedAnswer(db: Db, questionId: string, answerId: string): Promise<void> {
  await db.query('UPDATE questions SET accepted_answer_id = $2 WHERE id = $1', [questionId, answerId]);
}

/** Adds the user's upvote; a second one changes nothing. */
export async function addVote(db: Db, answerId: string, userId: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO answer_votes (answer_id, user_id, voted_at) VALUES ($1, $2, $3)
     ON CONFLICT (answer_id, user_id) DO NOTHING`,
    [answerId, userId, now],
  );
}

export async function removeVote(db: Db, answerId: string, userId: string): Promise<void> {
  await db.query('DELETE FROM answer_votes WHERE answer_id = $1 AND user_id = $2', [answerId, userId]);
}
