import type { CreatePollRequest, ErrorCode, Expert, Group, GroupRequest, Poll, User, UserRef } from '@plaza/contract';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** Base URL of the Plaza API, e.g. `https://intranet.example/plaza` or `/` (routes live under `/v1`). */
  baseUrl: string;
  /** Cookie mode: `include` for a cross-origin API with cookies, `same-origin` (default) otherwise. */
  credentials?: RequestCredentials;
  /** Bearer-token mode: returns an access token (OIDC, Entra ID, Keycloak…), or null when signed out. */
  getToken?: () => string | null | Promise<string | null>;
  /** A fetch implementation (tests, proxies). Defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Sent as Accept-Language so server messages match the page. */
  locale?: string;
  /** Retries of writes and reads on network errors, 5xx and 429. Defaults: 3 retries, 300 ms base. */
  retry?: { retries?: number; baseDelayMs?: number; maxDelayMs?: number };
  /**
   * Live updates over one Server-Sent Events stream (`/v1/events`), open while any widget watches the
   * store. `false` turns them off; an object tunes reconnects and the polling fallback. Default on.
   */
  realtime?: boolean | import('./realtime.ts').RealtimeOptions;
}

/** Error codes the SDK adds to the server's: no network, an unparsable/unexpected response, an abort. */
export type ClientErrorCode = ErrorCode | 'network' | 'invalid_response' | 'aborted';

/** State of one cached entity or query. */
export interface Entry<T> {
  status: 'loading' | 'ready' | 'error';
  /** Last good value; kept while revalidating and after a failed refresh (stale-while-revalidate). */
  value: T | undefined;
  error: import('./errors.ts').PlazaError | undefined;
  /** ms since epoch of the last successful load. */
  updatedAt: number;
}

export type EntityType =
  | 'poll'
  | 'group'
  | 'me'
  /** Question (without answers) by id. */
  | 'question'
  /** A question's answers in display order (`Answer[]`), by question id. */
  | 'questionAnswers'
  /** A list of question ids by `questionListKey(params)`. */
  | 'questionList'
  /** A topic's experts (`Expert[]`), by topic (`''` for all). */
  | 'experts'
  /** A post by id. */
  | 'post'
  /** A feed (`FeedState`: post ids and cursor), by `feed.key(query)`. */
  | 'feed'
  /** A post's comments (`CommentsState`), by post id. */
  | 'comments';

export interface EntityStore {
  get<T>(type: EntityType, id: string): Entry<T> | undefined;
  /** Calls `listener` after every change of that entry; returns the unsubscribe function. */
  subscribe(type: EntityType, id: string, listener: () => void): () => void;
  /** Forgets everything (sign-out, user change) and notifies every subscriber. */
  clear(): void;
  /** The entries somebody is subscribed to, as `[type, id]` pairs. */
  watched(): [EntityType, string][];
}

export interface PollsApi {
  /**
   * Loads a poll into the store (batched with other `get`s of the same tick, de-duplicated). A copy younger
   * than 30 s is served from the store unless `refresh` is set.
   */
  get(id: string, options?: { refresh?: boolean }): Promise<Poll>;
  create(input: CreatePollRequest): Promise<Poll>;
  /** Optimistic: the store shows the new ballot at once and rolls back if the server refuses. */
  vote(id: string, optionIds: string[]): Promise<Poll>;
  /** Optimistic, like {@link PollsApi.vote}. */
  retractVote(id: string): Promise<Poll>;
  close(id: string): Promise<Poll>;
}

export interface GroupsApi {
  /** Loads a group into the store (batched per tick, de-duplicated, fresh for 30 s unless `refresh`). */
  get(id: string, options?: { refresh?: boolean }): Promise<Group>;
  /** Joins an open group. A 409 (the policy changed meanwhile) re-reads the group, then rejects. */
  join(id: string): Promise<Group>;
  /** Asks to join a group that takes requests; the viewer is then `pending`. */
  requestToJoin(id: string): Promise<Group>;
  /** Withdraws the viewer's request. */
  cancelRequest(id: string): Promise<Group>;
  /** Leaves the group; 409 `last_admin` for its only admin. */
  leave(id: string): Promise<Group>;
  /** Pending requests, oldest first (those who can manage the group). */
  requests(id: string): Promise<GroupRequest[]>;
  /** Approves a request; a request handled meanwhile rejects with 409 after re-reading the group. */
  approve(id: string, userId: string): Promise<Group>;
  deny(id: string, userId: string): Promise<Group>;
}

export interface UsersApi {
  /** People whose name matches, best first (at most 8): for @mention autocomplete. Needs sign-in. */
  search(query: string): Promise<UserRef[]>;
}

export interface PlazaClient {
  readonly baseUrl: string;
  readonly store: EntityStore;
  /** The signed-in user, or null when signed out. Cached in the store under `('me', 'current')`. */
  me(options?: { refresh?: boolean }): Promise<User | null>;
  readonly polls: PollsApi;
  readonly groups: GroupsApi;
  readonly users: UsersApi;
  /** Feeds (cursor pages of post ids) in the store under `('feed', feed.key(query))`. */
  readonly feed: import('./resources/posts.ts').FeedApi;
  /** Posts (`('post', id)`), their reactions, comments (`('comments', postId)`), reports and moderation. */
  readonly posts: import('./resources/posts.ts').PostsApi;
  readonly moderation: import('./resources/posts.ts').ModerationApi;
  readonly files: import('./resources/posts.ts').FilesApi;
  /** The ask-an-expert box: question lists, similar search, ask, answer, vote, accept, experts. */
  readonly questions: import('./resources/questions.ts').QuestionsApi;
  /** A topic's experts (the same as `questions.experts`). */
  readonly experts: { list(topic: string | null, options?: { refresh?: boolean }): Promise<Expert[]> };
  /**
   * The page's event stream: open while anything is subscribed in the store; events refresh the entities
   * they name. Widgets may listen to it (`realtime.on`) for things the store does not hold ("N new posts").
   */
  readonly realtime: import('./realtime.ts').RealtimeConnection;
  /** Clears the store and reloads `me`: call after sign-in, sign-out or a user switch. */
  reset(): void;
}
