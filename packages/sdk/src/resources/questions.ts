import { Answer, ExpertList, QuestionPage, QuestionWithAnswers, SimilarQuestions } from '@plaza/contract/checks';
import type { CreateQuestionRequest, Expert, Question, QuestionFilter, RealtimeEvent } from '@plaza/contract';
import { createBatcher } from '../batcher.ts';
import { PlazaError } from '../errors.ts';
import type { Store } from '../store.ts';
import { newIdempotencyKey, type Transport } from '../transport.ts';
import { extension, type EntityType, type PlazaClient } from '../types.ts';

/** Which list of questions: the same params anywhere on the page are the same store entry. */
export interface QuestionListParams {
  /** Only this topic (`it-help`); all topics when absent. */
  topic?: string | null;
  /** Only this group's questions; all the viewer may see when absent. */
  groupId?: string | null;
  /** `recent` (default), `unanswered`, or `mine` (needs sign-in). */
  filter?: QuestionFilter;
}

/** A list in the store (`'questionList'`, key from {@link questionListKey}): ids into the `'question'` entries. */
export interface QuestionListValue {
  /** Question ids in display order (escalated first for experts, then newest). */
  ids: string[];
  /** Cursor of the next page, or null when everything is loaded. */
  nextCursor: string | null;
}

/** Options of a write that the user may retry by hand (a "Retry" button after a failure). */
export interface RetryableWrite {
  /**
   * One key per user action: pass the same key when the user retries the same content, so a question whose
   * response was lost is not created twice. A new key is made when absent.
   */
  idempotencyKey?: string;
}

/** A debounced similar-question search whose answers never arrive out of order. */
export interface SimilarSearch {
  /**
   * Searches for `draft` after the debounce; a newer call (or `cancel`) aborts this one's request, and this
   * promise then resolves with `null`. Only the newest call ever resolves with results. An empty draft
   * resolves with `[]` at once, without a request.
   */
  search(draft: string): Promise<Question[] | null>;
  /** Drops the pending search (its promise resolves with `null`). */
  cancel(): void;
}

export interface QuestionsApi {
  /**
   * Loads a list into the store under `('questionList', questionListKey(params))`; its questions go into
   * `('question', id)`. Fresh for 30 s unless `refresh`. Resolves with the ids.
   */
  list(params: QuestionListParams, options?: { refresh?: boolean }): Promise<QuestionListValue>;
  /** Appends the next page of a loaded list; resolves with the whole list (unchanged on the last page). */
  loadMore(params: QuestionListParams): Promise<QuestionListValue>;
  /** One question (batched with other `get`s of the same tick into `?ids=`), without answers. */
  get(id: string, options?: { refresh?: boolean }): Promise<Question>;
  /**
   * A question with its answers: the question goes into `('question', id)`, the answers (in display order)
   * into `('questionAnswers', id)`.
   */
  getWithAnswers(id: string, options?: { refresh?: boolean }): Promise<QuestionWithAnswers>;
  /** Questions like a draft, best first (any text is fine; the server cuts it at 1,000 characters). */
  similar(
    draft: string,
    options?: { topic?: string | null; limit?: number; signal?: AbortSignal },
  ): Promise<Question[]>;
  /** A search to call on every keystroke: debounced (default 300 ms), stale requests aborted, never out of order. */
  similarSearch(options?: { topic?: string | null; limit?: number; debounceMs?: number }): SimilarSearch;
  /**
   * Asks a question. The new question is put at the top of the cached lists it belongs to, once (also when a
   * realtime event or a retry with the same `idempotencyKey` brings it again).
   */
  ask(input: CreateQuestionRequest, options?: RetryableWrite): Promise<QuestionWithAnswers>;
  /** Answers a question; the answer is added to the cached answers and the question's count goes up. */
  answer(questionId: string, body: string, options?: RetryableWrite): Promise<Answer>;
  /** Upvotes an answer. Optimistic: the count changes at once and rolls back if the server refuses. */
  vote(answerId: string): Promise<Answer>;
  /** Takes an upvote back; optimistic like {@link QuestionsApi.vote}. */
  unvote(answerId: string): Promise<Answer>;
  /** Accepts an answer (asker or topic expert). Optimistic: shown accepted at once, rolled back on refusal. */
  accept(questionId: string, answerId: string): Promise<QuestionWithAnswers>;
  /** A topic's experts (available first), cached under `('experts', topic)`; all experts for `null`. */
  experts(topic: string | null, options?: { refresh?: boolean }): Promise<Expert[]>;
}

/** The store key of a list: `topic|groupId|filter`. */
export const questionListKey = ({ topic, groupId, filter }: QuestionListParams): string =>
  `${topic ?? ''}|${groupId ?? ''}|${filter ?? 'recent'}`;

export interface QuestionsDeps {
  request: Transport;
  store: Store;
  load: <T>(type: EntityType, id: string, fetcher: () => Promise<T>, force?: boolean) => Promise<T>;
}

/** The questions resource and what the client needs to keep it live (event handling, re-reads). */
export function createQuestions({ request, store, load }: QuestionsDeps) {
  const path = (id: string) => `v1/questions/${encodeURIComponent(id)}`;
  /** Every list key this client has loaded, with its params, to put new questions into. */
  const lists = new Map<string, QuestionListParams>();
  /** answer id → question id, to find an answer's thread for votes and events. */
  const answerQuestion = new Map<string, string>();

  const putQuestion = (question: Question) => store.setValue('question', question.id, question);
  const putAnswers = (questionId: string, answers: Answer[]) => {
    for (const answer of answers) answerQuestion.set(answer.id, questionId);
    store.setValue('questionAnswers', questionId, answers);
  };
  const putThread = ({ answers, ...question }: QuestionWithAnswers) => {
    putQuestion(question);
    putAnswers(question.id, answers);
  };
  const threadOf = (questionId: string): QuestionWithAnswers | undefined => {
    const question = store.get<Question>('question', questionId)?.value;
    const answers = store.get<Answer[]>('questionAnswers', questionId)?.value;
    return question && answers ? { ...question, answers } : undefined;
  };

  const getBatched = createBatcher<Question>({
    load: async (ids) =>
      (await request(`v1/questions?ids=${ids.map(encodeURIComponent).join(',')}`, { schema: QuestionPage })).items,
    idOf: (question) => question.id,
    missing: () => new PlazaError('not_found', 'This question does not exist or is not visible to you', 404),
  });

  const listUrl = (params: QuestionListParams, cursor: string | null) => {
    const query = new URLSearchParams();
    if (params.topic) query.set('topic', params.topic);
    if (params.groupId) query.set('groupId', params.groupId);
    query.set('filter', params.filter ?? 'recent');
    if (cursor) query.set('cursor', cursor);
    return `v1/questions?${query.toString()}`;
  };

  /** Does a question belong in the list of `params`? (What the server would list there.) */
  const belongs = (question: Question, params: QuestionListParams) =>
    (!params.topic || params.topic === question.topic) &&
    (!params.groupId || params.groupId === question.groupId) &&
    ((params.filter ?? 'recent') === 'recent' ||
      (params.filter === 'unanswered' && question.answerCount === 0) ||
      (params.filter === 'mine' && question.askedByMe));

  /** Puts a new question at the top of every cached list it belongs to, at most once. */
  const addToLists = (question: Question) => {
    for (const [key, params] of lists) {
      const list = store.get<QuestionListValue>('questionList', key)?.value;
      if (!list || list.ids.includes(question.id) || !belongs(question, params)) continue;
      store.setValue<QuestionListValue>('questionList', key, { ...list, ids: [question.id, ...list.ids] });
    }
  };

  const getWithAnswers = async (id: string, refresh = false): Promise<QuestionWithAnswers> => {
    await load(
      'questionAnswers',
      id,
      async () => {
        const { answers, ...question } = await request(path(id), { schema: QuestionWithAnswers });
        putQuestion(question);
        for (const answer of answers) answerQuestion.set(answer.id, id);
        return answers;
      },
      refresh,
    );
    return threadOf(id) ?? Promise.reject(new PlazaError('not_found', 'This question is no longer loaded', 404));
  };

  /** Replaces one answer in its thread (by id) with `next(answer)`; returns the list it replaced. */
  const updateAnswer = (answerId: string, next: (answer: Answer) => Answer) => {
    const questionId = answerQuestion.get(answerId);
    const before = questionId ? store.get<Answer[]>('questionAnswers', questionId)?.value : undefined;
    if (!questionId || !before) return undefined;
    const after = before.map((answer) => (answer.id === answerId ? next(answer) : answer));
    store.setValue('questionAnswers', questionId, after);
    return { questionId, before, after };
  };

  const toPlazaError = (error: unknown) =>
    error instanceof PlazaError ? error : new PlazaError('internal', error instanceof Error ? error.message : '');

  async function writeVote(answerId: string, up: boolean): Promise<Answer> {
    const shown = updateAnswer(answerId, (answer) =>
      answer.votedByMe === up ? answer : { ...answer, votedByMe: up, votes: Math.max(0, answer.votes + (up ? 1 : -1)) },
    );
    try {
      const answer = await request(`v1/answers/${encodeURIComponent(answerId)}/vote`, {
        method: up ? 'PUT' : 'DELETE',
        schema: Answer,
        idempotencyKey: newIdempotencyKey(),
      });
      updateAnswer(answerId, () => answer);
      return answer;
    } catch (error) {
      // Roll back unless something newer (a re-read after an event) already replaced the optimistic list.
      if (shown && store.get('questionAnswers', shown.questionId)?.value === shown.after) {
        store.setValue('questionAnswers', shown.questionId, shown.before);
      }
      throw toPlazaError(error);
    }
  }

  const api: QuestionsApi = {
    list: async (params, { refresh = false } = {}) => {
      const key = questionListKey(params);
      lists.set(key, { ...params });
      return load(
        'questionList',
        key,
        async (): Promise<QuestionListValue> => {
          const page = await request(listUrl(params, null), { schema: QuestionPage });
          for (const question of page.items) putQuestion(question);
          return { ids: page.items.map((question) => question.id), nextCursor: page.nextCursor };
        },
        refresh,
      );
    },

    loadMore: async (params) => {
      const key = questionListKey(params);
      const list = store.get<QuestionListValue>('questionList', key)?.value;
      if (!list) return api.list(params);
      if (!list.nextCursor) return list;
      const page = await request(listUrl(params, list.nextCursor), { schema: QuestionPage });
      for (const question of page.items) putQuestion(question);
      // The list may have changed while the page loaded (a new question on top): append to what is there now.
      const current = store.get<QuestionListValue>('questionList', key)?.value ?? list;
      const known = new Set(current.ids);
      const next = {
        ids: [...current.ids, ...page.items.map((question) => question.id).filter((id) => !known.has(id))],
        nextCursor: page.nextCursor,
      };
      store.setValue('questionList', key, next);
      return next;
    },

    get: (id, { refresh = false } = {}) => load('question', id, () => getBatched(id), refresh),

    getWithAnswers: (id, { refresh = false } = {}) => getWithAnswers(id, refresh),

    similar: async (draft, { topic, limit, signal } = {}) => {
      const query = new URLSearchParams({ q: draft });
      if (topic) query.set('topic', topic);
      if (limit) query.set('limit', String(limit));
      const { items } = await request(`v1/questions/similar?${query.toString()}`, { schema: SimilarQuestions, signal });
      if (signal?.aborted) throw new PlazaError('aborted', 'Request aborted');
      for (const question of items) putQuestion(question);
      return items;
    },

    similarSearch: ({ topic, limit, debounceMs = 300 } = {}) => {
      let generation = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let controller: AbortController | undefined;
      let settlePending: ((value: null) => void) | undefined;
      const cancel = () => {
        generation++;
        clearTimeout(timer);
        controller?.abort();
        controller = undefined;
        settlePending?.(null);
        settlePending = undefined;
      };
      return {
        cancel,
        search: (draft) => {
          cancel();
          const mine = generation;
          if (draft.trim() === '') return Promise.resolve([]);
          return new Promise<Question[] | null>((resolve, reject) => {
            settlePending = resolve;
            timer = setTimeout(() => {
              const aborter = (controller = new AbortController());
              api.similar(draft, { topic, limit, signal: aborter.signal }).then(
                (items) => resolve(mine === generation ? items : null),
                (error: unknown) => (mine === generation ? reject(toPlazaError(error)) : resolve(null)),
              );
            }, debounceMs);
          }).finally(() => {
            if (mine === generation) settlePending = undefined;
          });
        },
      };
    },

    ask: async (input, { idempotencyKey = newIdempotencyKey() } = {}) => {
      const thread = await request('v1/questions', {
        method: 'POST',
        body: input,
        schema: QuestionWithAnswers,
        idempotencyKey,
      });
      putThread(thread);
      addToLists(thread);
      return thread;
    },

    answer: async (questionId, body, { idempotencyKey = newIdempotencyKey() } = {}) => {
      const answer = await request(`${path(questionId)}/answers`, {
        method: 'POST',
        body: { body },
        schema: Answer,
        idempotencyKey,
      });
      answerQuestion.set(answer.id, questionId);
      const answers = store.get<Answer[]>('questionAnswers', questionId)?.value;
      // A re-read after the realtime event may have brought the answer already: add it once.
      const next = answers && !answers.some((known) => known.id === answer.id) ? [...answers, answer] : answers;
      if (next && next !== answers) store.setValue('questionAnswers', questionId, next);
      const question = store.get<Question>('question', questionId)?.value;
      if (question && (answers === undefined || next !== answers)) {
        putQuestion({
          ...question,
          answerCount: Math.max(question.answerCount + 1, next?.length ?? 0),
          status: question.status === 'unanswered' ? 'answered' : question.status,
          escalated: false,
        });
      }
      return answer;
    },

    vote: (answerId) => writeVote(answerId, true),
    unvote: (answerId) => writeVote(answerId, false),

    accept: async (questionId, answerId) => {
      const before = threadOf(questionId);
      if (before) {
        putThread({
          ...before,
          acceptedAnswerId: answerId,
          status: 'accepted',
          answers: before.answers.map((answer) => ({
            ...answer,
            accepted: answer.id === answerId,
            canAccept: answer.id === answerId ? false : answer.canAccept || answer.accepted,
          })),
        });
      }
      const shownQuestion = store.get('question', questionId)?.value;
      const shownAnswers = store.get('questionAnswers', questionId)?.value;
      try {
        const thread = await request(`${path(questionId)}/accept`, {
          method: 'POST',
          body: { answerId },
          schema: QuestionWithAnswers,
          idempotencyKey: newIdempotencyKey(),
        });
        putThread(thread);
        return thread;
      } catch (error) {
        if (before && store.get('question', questionId)?.value === shownQuestion) putQuestion(before);
        if (before && store.get('questionAnswers', questionId)?.value === shownAnswers) {
          store.setValue('questionAnswers', questionId, before.answers);
        }
        throw toPlazaError(error);
      }
    },

    experts: (topic, { refresh = false } = {}) =>
      load(
        'experts',
        topic ?? '',
        async () =>
          (await request(`v1/experts${topic ? `?topic=${encodeURIComponent(topic)}` : ''}`, { schema: ExpertList }))
            .items,
        refresh,
      ),
  };

  /** Re-reads a question the page holds: with its answers when they are loaded, else alone (batched). */
  const refreshQuestion = (id: string) =>
    store.get('questionAnswers', id)?.value !== undefined ? getWithAnswers(id, true) : api.get(id, { refresh: true });

  /** How the client re-reads each of these entry types after an interruption (resync). */
  const refreshers: Partial<Record<EntityType, (id: string) => Promise<unknown>>> = {
    question: (id) => api.get(id, { refresh: true }),
    questionAnswers: (id) => getWithAnswers(id, true),
    questionList: (key) => {
      const params = lists.get(key);
      return params ? api.list(params, { refresh: true }) : Promise.resolve();
    },
    experts: (topic) => api.experts(topic || null, { refresh: true }),
  };

  /** Keeps what the page holds live: new questions join the lists they belong to; changes are re-read. */
  function onEvent(event: RealtimeEvent): void {
    const ignore = () => undefined;
    switch (event.type) {
      case 'question.created':
        if (lists.size > 0) void api.get(event.entityId).then(addToLists, ignore);
        break;
      case 'question.updated':
        if (store.get('question', event.entityId)?.value !== undefined) {
          void refreshQuestion(event.entityId).catch(ignore);
        }
        break;
      case 'answer.created':
      case 'answer.updated': {
        const questionId = answerQuestion.get(event.entityId);
        if (questionId && store.get('questionAnswers', questionId)?.value !== undefined) {
          void getWithAnswers(questionId, true).catch(ignore);
        }
        break;
      }
      default:
        break;
    }
  }

  return { api, refreshers, onEvent };
}

/**
 * The questions resource of `client` (entry point `@plaza/sdk/questions`): question lists, similar search,
 * ask, answer, vote, accept and experts. Created on first use, one per client, kept live by its event stream.
 */
export function questionsApi(client: PlazaClient): QuestionsApi {
  return extension(client, 'questions', (internals) => {
    const { api, refreshers, onEvent } = createQuestions(internals);
    Object.assign(internals.refreshers, refreshers);
    internals.eventListeners.add(onEvent);
    return api;
  });
}
