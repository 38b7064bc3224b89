import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import {
  AcceptAnswerRequest,
  CreateAnswerRequest,
  CreateQuestionRequest,
  noNul,
  QUESTION_LIMITS,
  QuestionFilter,
  Topic,
  type QuestionPage,
} from '@plaza/contract';
import { requireViewer } from '../auth/viewer.ts';
import { groupAccess } from '../groups/access.ts';
import { readBody, validate } from '../http/body.ts';
import { cursorId, cursorTime, decodeCursor, encodeCursor, parseIds, parseLimit } from '../http/query.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { ApiError, notFound, validationFailed } from '../http/errors.ts';
import { notify } from '../notifications/store.ts';
import { recordEvent } from '../realtime/outbox.ts';
import { loadAnswer, loadQuestionWithAnswers, loadQuestions, toQuestionViews } from './load.ts';
import {
  addVote,
  availableExperts,
  findAnswerTarget,
  insertAnswer,
  insertQuestion,
  isExpert,
  listQuestionRows,
  lockQuestion,
  removeVote,
  searchQuestionRows,
  setAcceptedAnswer,
  type ListCursor,
} from './store.ts';
import { escalatedBefore, toOrQuery, type QuestionViewpoint } from './view.ts';

export interface QuestionSettings extends AppSettings {
  /** Unanswered questions older than this many milliseconds are flagged for escalation. */
  responseTargetMs: number;
}

const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_SIMILAR = 5;
const MAX_SIMILAR = 20;

/** PostgreSQL text cannot hold U+0000: such an id names nothing, and must not reach a query. */
const hasNul = (text: string) => text.includes('\u0000');

const ListQuery = z.object({
  topic: z.optional(Topic),
  groupId: z.optional(z.string().check(z.minLength(1), z.maxLength(100), noNul())),
  filter: z._default(QuestionFilter, 'recent'),
  cursor: z.optional(z.string().check(z.maxLength(500))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
});

const SimilarQuery = z.object({
  topic: z.optional(Topic),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
});

/** `/v1/questions`: list, batch read, similar search, ask, read, answers, accept. */
export function questionRoutes(settings: QuestionSettings): Hono<AppEnv> {
  const viewpointOf = (c: Context<AppEnv>, now = settings.now()): QuestionViewpoint => ({
    viewer: c.get('viewer'),
    now,
    responseTargetMs: settings.responseTargetMs,
  });

  const respondWithQuestion = async (c: Context<AppEnv>, id: string, now: Date, status: 200 | 201 = 200) => {
    const question = await loadQuestionWithAnswers(c.get('db'), id, viewpointOf(c, now));
    if (!question) throw notFound('No question has this id');
    return c.json(question, status);
  };

  /** The question to write to, locked, or 404 when it does not exist for the viewer. */
  const questionForWrite = async (c: Context<AppEnv>, id: string) => {
    const question = await lockQuestion(c.get('db'), id);
    if (!question || !(await groupAccess(c.get('db'), c.get('viewer'), question.groupId)).canSee) {
      throw notFound('No question has this id');
    }
    return question;
  };

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const viewpoint = viewpointOf(c);
      const rawIds = c.req.query('ids');
      if (rawIds !== undefined) {
        const items = await loadQuestions(c.get('db'), parseIds(rawIds, 'question'), viewpoint);
        return c.json({ items, nextCursor: null } satisfies QuestionPage);
      }
      const query = validate(ListQuery, c.req.query());
      const limit = parseLimit(query.limit, DEFAULT_PAGE_SIZE, QUESTION_LIMITS.pageSizeMax);
      const viewer = c.get('viewer');
      if (query.filter === 'mine' && !viewer)
        throw new ApiError(401, 'unauthenticated', 'Sign in to see your questions');
      const groupId = query.groupId ?? null;
      if (groupId !== null && !(await groupAccess(c.get('db'), viewer, groupId)).canSee) {
        throw notFound('No group has this id');
      }
      const rows = await listQuestionRows(c.get('db'), {
        viewerId: viewer?.id ?? null,
        escalatedBefore: escalatedBefore(viewpoint),
        topic: query.topic ?? null,
        groupId,
        filter: query.filter,
        after: query.cursor === undefined ? null : questionCursor(query.cursor),
        limit,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > limit && last ? encodeCursor([last.rank, last.created_at.toISOString(), last.id]) : null;
      return c.json({ items: toQuestionViews(page, viewpoint), nextCursor } satisfies QuestionPage);
    })

    .get('/similar', async (c) => {
      const viewpoint = viewpointOf(c);
      const query = validate(SimilarQuery, { topic: c.req.query('topic'), limit: c.req.query('limit') });
      const limit = parseLimit(query.limit, DEFAULT_SIMILAR, MAX_SIMILAR);
      // Any text is a fine draft: it is cut, not refused, and reduced to its words.
      const orQuery = toOrQuery((c.req.query('q') ?? '').replaceAll('\u0000', ' '));
      if (orQuery === null) return c.json({ items: [] });
      const rows = await searchQuestionRows(c.get('db'), orQuery, {
        viewerId: viewpoint.viewer?.id ?? null,
        escalatedBefore: escalatedBefore(viewpoint),
        topic: query.topic ?? null,
        limit,
      });
      return c.json({ items: toQuestionViews(rows, viewpoint) });
    })

    .post('/', async (c) => {
      const viewer = requireViewer(c);
      const input = await readBody(c, CreateQuestionRequest);
      const now = settings.now();
      const db = c.get('db');
      const groupId = input.groupId ?? null;
      if (groupId !== null) {
        const access = await groupAccess(db, viewer, groupId);
        if (!access.canSee) throw notFound('No group has this id');
        if (access.role === null) throw new ApiError(403, 'forbidden', 'Only members can ask in this group');
      }
      const id = `q-${randomUUID()}`;
      await insertQuestion(db, {
        id,
        title: input.title,
        body: input.body,
        topic: input.topic,
        groupId,
        tags: [...new Set(input.tags)],
        anonymous: input.anonymous,
        authorId: viewer.id,
        createdAt: now,
      });
      await recordEvent(db, { type: 'question.created', entityId: id, groupId, at: now });
      // The asker is left out by hand: for an anonymous question there is no actor to skip.
      const experts = (await availableExperts(db, input.topic, now)).filter((userId) => userId !== viewer.id);
      await notify(db, {
        userIds: experts,
        kind: 'expert-question',
        entityType: 'question',
        entityId: id,
        actorId: input.anonymous ? null : viewer.id,
        groupId,
        at: now,
      });
      c.header('Location', `/v1/questions/${id}`);
      return respondWithQuestion(c, id, now, 201);
    })

    .get('/:id', (c) => respondWithQuestion(c, pathId(c), settings.now()))

    .get('/:id/answers', async (c) => {
      const question = await loadQuestionWithAnswers(c.get('db'), pathId(c), viewpointOf(c));
      if (!question) throw notFound('No question has this id');
      return c.json({ items: question.answers });
    })

    .post('/:id/answers', async (c) => {
      const viewer = requireViewer(c);
      const { body } = await readBody(c, CreateAnswerRequest);
      const now = settings.now();
      const db = c.get('db');
      const question = await questionForWrite(c, pathId(c));
      const id = `a-${randomUUID()}`;
      await insertAnswer(db, { id, questionId: question.id, authorId: viewer.id, body, createdAt: now });
      await recordEvent(db, { type: 'answer.created', entityId: id, groupId: question.groupId, at: now });
      await recordEvent(db, { type: 'question.updated', entityId: question.id, groupId: question.groupId, at: now });
      await notify(db, {
        userIds: [question.authorId],
        kind: 'answer',
        entityType: 'question',
        entityId: question.id,
        actorId: viewer.id,
        groupId: question.groupId,
        at: now,
      });
      const answer = await loadAnswer(db, question.id, id, viewpointOf(c, now));
      c.header('Location', `/v1/questions/${question.id}`);
      return c.json(answer, 201);
    })

    .post('/:id/accept', async (c) => {
      const viewer = requireViewer(c);
      const { answerId } = await readBody(c, AcceptAnswerRequest);
      const now = settings.now();
      const db = c.get('db');
      const question = await questionForWrite(c, pathId(c));
      const answer = await findAnswerTarget(db, answerId);
      if (!answer || answer.questionId !== question.id) {
        throw validationFailed('Not an answer of this question', { answerId: ['Not an answer of this question'] });
      }
      const asker = question.authorId === viewer.id;
      if (!asker) {
        if (!(await isExpert(db, viewer.id, question.topic))) {
          throw new ApiError(403, 'forbidden', 'Only the asker or an expert of the topic can accept an answer');
        }
        if (answer.authorId === viewer.id) {
          throw new ApiError(403, 'forbidden', 'Experts cannot accept their own answer; the asker can');
        }
      }
      // Accepting the accepted answer again changes nothing, so a retry without an Idempotency-Key succeeds.
      if (question.acceptedAnswerId !== answerId) {
        await setAcceptedAnswer(db, question.id, answerId);
        const changed = [answerId, ...(question.acceptedAnswerId ? [question.acceptedAnswerId] : [])];
        for (const entityId of changed) {
          await recordEvent(db, { type: 'answer.updated', entityId, groupId: question.groupId, at: now });
        }
        await recordEvent(db, { type: 'question.updated', entityId: question.id, groupId: question.groupId, at: now });
      }
      return respondWithQuestion(c, question.id, now);
    });
}

/** `/v1/answers/:id/vote`: upvote and take it back. */
export function answerRoutes(settings: QuestionSettings): Hono<AppEnv> {
  const vote = (mode: 'add' | 'remove') => async (c: Context<AppEnv>) => {
    const viewer = requireViewer(c);
    const answerId = pathId(c);
    const now = settings.now();
    const db = c.get('db');
    const target = await findAnswerTarget(db, answerId);
    if (!target || !(await groupAccess(db, viewer, target.groupId)).canSee) throw notFound('No answer has this id');
    if (mode === 'add') {
      if (target.authorId === viewer.id) throw new ApiError(403, 'forbidden', 'You cannot upvote your own answer');
      await addVote(db, answerId, viewer.id, now);
    } else {
      await removeVote(db, answerId, viewer.id);
    }
    await recordEvent(db, { type: 'answer.updated', entityId: answerId, groupId: target.groupId, at: now });
    const viewpoint = { viewer, now, responseTargetMs: settings.responseTargetMs };
    return c.json(await loadAnswer(db, target.questionId, answerId, viewpoint));
  };
  return new Hono<AppEnv>().put('/:id/vote', vote('add')).delete('/:id/vote', vote('remove'));
}

/** The `:id` of the path; one PostgreSQL could not compare (U+0000) is a 404 like any unknown id. */
function pathId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (hasNul(id) || id.length > 100) throw notFound('Nothing has this id');
  return id;
}

/** The rank is 0 (unanswered, shown to its experts first) or 1 (the rest): see `listQuestions`. */
const CursorShape = z.tuple([z.union([z.literal(0), z.literal(1)]), cursorTime(), cursorId()]);

/** The list position of a `cursor` (rank, time, id), or a 400 naming `cursor`. */
function questionCursor(raw: string): ListCursor {
  const [rank, createdAt, id] = decodeCursor(raw, CursorShape);
  return { rank, createdAt: new Date(createdAt), id };
}
