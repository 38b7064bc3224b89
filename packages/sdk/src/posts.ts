/**
 * `@plaza/sdk/posts` — feeds, posts, comments, reactions, acknowledgements, reports, moderation and image
 * uploads, attached to a client with `postsApi(client)`.
 */
export { postsApi, withReaction } from './resources/posts.ts';
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
