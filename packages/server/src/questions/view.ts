import { lexPlainRichText } from '../markdown/lexer.ts';
import type { Answer, Question, User } from '@plaza/contract';
import { QUESTION_LIMITS } from '@plaza/contract';
import { toUserRef } from '../users/store.ts';
import type { AnswerRow, QuestionRow } from './store.ts';

/** Who looks, and when. */
export interface QuestionViewpoint {
  viewer: User | null;
  now: Date;
  /** Unanswered questions older than this are escalated. */
  responseTargetMs: number;
}

/** The moment before which an unanswered question counts as escalated. */
export const escalatedBefore = ({ now, responseTargetMs }: QuestionViewpoint): Date =>
  new Date(now.getTime() - responseTargetMs);

/** Anonymous askers are shown to themselves and to moderators (company managers), never to peers. */
export const seesAuthor = (row: Pick<QuestionRow, 'anonymous' | 'author_id'>, viewer: User | null): boolean =>
  !row.anonymous || (viewer !== null && (viewer.id === row.author_id || viewer.role === 'manager'));

/** The question as this viewer may see it. */
export function toQuestionView(row: QuestionRow, viewpoint: QuestionViewpoint): Question {
  const { viewer } = viewpoint;
  const askedByMe = viewer !== null && viewer.id === row.author_id;
  const status = row.accepted_answer_id !== null ? 'accepted' : row.answer_count > 0 ? 'answered' : 'unanswered';
  return {
    id: row.id,
    title: row.title,
    body: lexPlainRichText(row.body),
    topic: row.topic,
    groupId: row.group_id,
    tags: row.tags,
    anonymous: row.anonymous,
    author: seesAuthor(row, viewer)
      ? toUserRef({
          id: row.author_id,
          name: row.author_name,
          title: row.author_title,
          avatar_url: row.author_avatar_url,
        })
      : null,
    askedByMe,
    createdAt: row.created_at.toISOString(),
    answerCount: row.answer_count,
    acceptedAnswerId: row.accepted_answer_id,
    status,
    escalated: status === 'unanswered' && row.created_at.getTime() < escalatedBefore(viewpoint).getTime(),
    canAccept: viewer !== null && (askedByMe || row.viewer_is_expert),
    canAnswer: viewer !== null,
  };
}

/**
 * The answer as this viewer may see it. Experts may accept answers of others; the asker any answer.
 * @param question the answer's question as the same viewer sees it
 */
export function toAnswerView(row: AnswerRow, question: Question, viewer: User | null): Answer {
  const ownAnswer = viewer !== null && viewer.id === row.author_id;
  return {
    id: row.id,
    questionId: row.question_id,
    author: toUserRef({
      id: row.author_id,
      name: row.author_name,
      title: row.author_title,
      avatar_url: row.author_avatar_url,
    }),
    body: lexPlainRichText(row.body),
    createdAt: row.created_at.toISOString(),
    votes: row.votes,
    votedByMe: row.voted_by_me,
    accepted: row.accepted,
    byExpert: row.by_expert,
    canAccept: !row.accepted && question.canAccept && (question.askedByMe || !ownAnswer),
    canVote: viewer !== null && !ownAnswer,
  };
}

/** Words the similar-question search may use at most; more add cost, not relevance. */
const MAX_SEARCH_WORDS = 32;
/** Longer "words" are pasted noise (hashes, base64); PostgreSQL would refuse lexemes past 2 KB anyway. */
const MAX_WORD_LENGTH = 60;

/** A last word this long that the draft ends in is taken as a prefix: the asker may still be typing it. */
const MIN_PREFIX_LENGTH = 4;

/**
 * Turns any text into an OR query of its words for `to_tsquery`, or `null` when it has none. Only letters
 * and digits survive, so quotes, `& | ! :*`, parentheses and backslashes can never reach the query parser;
 * OR (not AND) because a draft question shares some words with an existing one, rarely all. When the text
 * ends inside a word, that word also matches as a prefix (`Wechselr` finds "Wechselrichter").
 */
export function toOrQuery(text: string): string | null {
  const draft = text.slice(0, QUESTION_LIMITS.similarQueryMax).normalize('NFC').toLowerCase();
  const words = [...new Set(draft.match(/[\p{L}\p{N}]+/gu) ?? [])]
    .filter((word) => word.length <= MAX_WORD_LENGTH)
    .slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return null;
  const last = words.at(-1)!;
  const typing = draft.endsWith(last) && last.length >= MIN_PREFIX_LENGTH;
  return words.map((word) => (typing && word === last ? `${word}:*` : word)).join(' | ');
}
