/**
 * @plaza/sdk — the client every Plaza widget shares: transport, auth, validation, entity store,
 * batching and optimistic writes. No DOM rendering; runs in Node and every evergreen browser.
 */
export { createClient, sharedClient } from './client.ts';
export { PlazaError, isPlazaError } from './errors.ts';
export { withBallot } from './optimistic.ts';
export type {
  QuestionListParams,
  QuestionListValue,
  QuestionsApi,
  RetryableWrite,
  SimilarSearch,
} from './resources/questions.ts';
export { newIdempotencyKey } from './transport.ts';
export type {
  CommentsState,
  FeedApi,
  FeedQuery,
  FeedState,
  FilesApi,
  ModerationApi,
  PostsApi,
  PostsResources,
  UploadOptions,
  WriteOptions,
} from './resources/posts.ts';
export { createSseParser, type SseMessage } from './sse.ts';
export type { RealtimeConnection, RealtimeOptions, RealtimeState } from './realtime.ts';
export type {
  ClientInternals,
  ClientOptions,
  ClientErrorCode,
  EntityStore,
  EntityType,
  Entry,
  GroupsApi,
  PlazaClient,
  PollsApi,
  UsersApi,
} from './types.ts';
