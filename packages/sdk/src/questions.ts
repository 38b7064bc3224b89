/**
 * `@plaza/sdk/questions` — the ask-an-expert resources (question lists, similar search, ask, answer, vote,
 * accept, experts), attached to a client with `questionsApi(client)`.
 */
export { questionListKey, questionsApi } from './resources/questions.ts';
export type {
  QuestionListParams,
  QuestionListValue,
  QuestionsApi,
  RetryableWrite,
  SimilarSearch,
} from './resources/questions.ts';
