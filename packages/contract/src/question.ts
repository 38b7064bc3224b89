import * as z from 'zod/mini';
import { RichText } from './rich-text.ts';
import { Id, Timestamp, noNul, visibleText } from './common.ts';
import { UserRef } from './user.ts';
import { QUESTION_LIMITS } from './limits.ts';

/** A topic slug such as `it-help` or `solar`: lowercase letters, digits and dashes. */
export const Topic = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/), z.maxLength(QUESTION_LIMITS.topicMax));
export type Topic = z.infer<typeof Topic>;

/** Where a question stands: no answer yet, answered, or with an accepted answer. */
export const QuestionStatus = z.enum(['unanswered', 'answered', 'accepted']);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

/** A question of the ask-an-expert box, as the viewer sees it. */
export const Question = z.object({
  id: Id,
  /** One line, 1–200 characters. */
  title: z.string().check(z.minLength(1), z.maxLength(QUESTION_LIMITS.titleMax)),
  /** The details: Markdown-subset source (may be empty) and its node tree; mentions arrive as plain text. */
  body: RichText,
  /** The topic slug whose experts are asked. */
  topic: Topic,
  /** The group the question was asked in (then only those who can see the group see it); null: company-wide. */
  groupId: z.nullable(Id),
  /** Free tags, lowercase. */
  tags: z.array(z.string()),
  /** Asked anonymously: peers see no author. */
  anonymous: z.boolean(),
  /**
   * Who asked. `null` when the question is anonymous and the viewer is a peer; moderators (company
   * managers) and the asker themself see the name.
   */
  author: z.nullable(UserRef),
  /** The viewer asked this question (also for anonymous questions). */
  askedByMe: z.boolean(),
  createdAt: Timestamp,
  /** Number of answers. */
  answerCount: z.int().check(z.minimum(0)),
  /** The accepted answer's id, or null. */
  acceptedAnswerId: z.nullable(Id),
  status: QuestionStatus,
  /** Unanswered and older than the server's response target (24 hours by default): experts should step in. */
  escalated: z.boolean(),
  /** The viewer may accept an answer: the asker, or an expert of the topic. */
  canAccept: z.boolean(),
  /** The viewer may post an answer (signed in and able to see the question). */
  canAnswer: z.boolean(),
});
export type Question = z.infer<typeof Question>;

/** An answer to a question. */
export const Answer = z.object({
  id: Id,
  questionId: Id,
  /** Who answered; answers are never anonymous. */
  author: UserRef,
  /** Markdown-subset source and its node tree; mentions arrive as plain text. */
  body: RichText,
  createdAt: Timestamp,
  /** Number of upvotes. */
  votes: z.int().check(z.minimum(0)),
  /** The viewer upvoted this answer. */
  votedByMe: z.boolean(),
  /** This is the question's accepted answer. */
  accepted: z.boolean(),
  /** The author is an expert of the question's topic (shown as a badge). */
  byExpert: z.boolean(),
  /** The viewer may accept this answer now (asker or topic expert; not yet accepted; experts not their own). */
  canAccept: z.boolean(),
  /** The viewer may upvote this answer (signed in, not its author). */
  canVote: z.boolean(),
});
export type Answer = z.infer<typeof Answer>;

/** `GET /v1/questions/:id`: the question with its answers, accepted first, then by votes, then oldest first. */
export const QuestionWithAnswers = z.extend(Question, {
  /** Every answer, in display order. */
  answers: z.array(Answer),
});
export type QuestionWithAnswers = z.infer<typeof QuestionWithAnswers>;

/** A page of questions (`GET /v1/questions`); for `?ids=` reads, `nextCursor` is null. */
export const QuestionPage = z.object({
  items: z.array(Question),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: z.nullable(z.string()),
});
export type QuestionPage = z.infer<typeof QuestionPage>;

/** `GET /v1/questions/similar`: the best matches first. */
export const SimilarQuestions = z.object({
  /** Matches the viewer may see, best first. */
  items: z.array(Question),
});
export type SimilarQuestions = z.infer<typeof SimilarQuestions>;

/** `GET /v1/questions/:id/answers` */
export const AnswerList = z.object({
  /** Accepted first, then by votes, then oldest first. */
  items: z.array(Answer),
});
export type AnswerList = z.infer<typeof AnswerList>;

/** Which questions `GET /v1/questions` lists. `mine` needs a signed-in viewer. */
export const QuestionFilter = z.enum(['recent', 'unanswered', 'mine']);
export type QuestionFilter = z.infer<typeof QuestionFilter>;

/** `POST /v1/questions` */
export const CreateQuestionRequest = z.object({
  /** 1–200 characters after trimming. */
  title: z.string().check(z.trim(), z.minLength(1), visibleText(), z.maxLength(QUESTION_LIMITS.titleMax), noNul()),
  /** Details in the Markdown subset; may be empty. */
  body: z._default(z.string().check(z.trim(), visibleText(), z.maxLength(QUESTION_LIMITS.bodyMax), noNul()), ''),
  /** The topic whose experts are asked. */
  topic: Topic,
  /** Ask inside a group the asker belongs to; company-wide when absent. */
  groupId: z.optional(z.nullable(Id.check(noNul()))),
  /** Up to 5 tags. */
  tags: z._default(
    z
      .array(
        z
          .string()
          .check(
            z.trim(),
            z.toLowerCase(),
            z.minLength(1),
            visibleText(),
            z.maxLength(QUESTION_LIMITS.tagMax),
            noNul(),
          ),
      )
      .check(z.maxLength(QUESTION_LIMITS.tagsMax)),
    [],
  ),
  /** Hide the asker's name from peers (moderators still see it). */
  anonymous: z._default(z.boolean(), false),
});
export type CreateQuestionRequest = z.input<typeof CreateQuestionRequest>;

/** `POST /v1/questions/:id/answers` */
export const CreateAnswerRequest = z.object({
  /** 1–10,000 characters of Markdown subset after trimming. */
  body: z.string().check(z.trim(), z.minLength(1), visibleText(), z.maxLength(QUESTION_LIMITS.answerMax), noNul()),
});
export type CreateAnswerRequest = z.input<typeof CreateAnswerRequest>;

/** `POST /v1/questions/:id/accept` — accepting another answer replaces the accepted one. */
export const AcceptAnswerRequest = z.object({
  /** An answer of this question. */
  answerId: Id.check(noNul()),
});
export type AcceptAnswerRequest = z.infer<typeof AcceptAnswerRequest>;
