import type { CreatePollRequest, ErrorCode, Group, GroupRequest, Poll, User, UserRef } from '@plaza/contract';

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
  /**
   * Retries of writes and reads on network errors, 5xx and 429. Defaults: 3 retries, 300 ms base. A 429 is
   * retried after its `Retry-After` only when that is at most `maxWaitMs` (default 5 s); a longer wait is not
   * spent silently behind "Sending…": the call rejects at once (`rate_limited`, `retryAfter`) and the widget
   * says when to try again.
   */
  retry?: { retries?: number; baseDelayMs?: number; maxDelayMs?: number; maxWaitMs?: number };
  /**
   * How long one attempt may take, answer and body, before it is given up and retried like a network error
   * (a write with its same Idempotency-Key, so it still happens once) — once: a second timeout is the
   * error, so a person waits at most about twice this. Default 15 s; 0 waits for ever.
   * The event stream and image uploads are not limited by it.
   */
  timeoutMs?: number;
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
  /**
   * The page's event stream: open while anything is subscribed in the store; events refresh the entities
   * they name. Widgets may listen to it (`realtime.on`) for things the store does not hold ("N new posts").
   */
  readonly realtime: import('./realtime.ts').RealtimeConnection;
  /** Clears the store and reloads `me`: call after sign-in, sign-out or a user switch. */
  reset(): void;
}

/**
 * Key of a client's internals, shared by every copy of the SDK on the page (`Symbol.for`), so that a
 * resource module (`@plaza/sdk/posts`, `@plaza/sdk/questions`) loaded by one copy extends a client created
 * by another. Resource modules are separate entry points so that a page with only polls does not download
 * the code for posts and questions.
 */
export const CLIENT_INTERNALS: unique symbol = Symbol.for('plaza.sdk.internals') as never;

/** What resource modules need from a client. Internal: not part of the SDK's public API. */
export interface ClientInternals {
  readonly options: ClientOptions;
  readonly request: import('./transport.ts').Transport;
  readonly store: import('./store.ts').Store;
  /** Loads into the store, once per key at a time, fresh for 30 s unless `force`. */
  load<T>(type: EntityType, id: string, fetcher: () => Promise<T>, force?: boolean): Promise<T>;
  /** How to re-read an entity of a type when an event names it or the stream was interrupted. */
  readonly refreshers: Partial<Record<EntityType, (id: string) => Promise<unknown>>>;
  /** Event type prefix (`post` of `post.updated`) → the store entry type it re-reads. */
  readonly eventEntities: Record<string, EntityType>;
  /** Called with every realtime event, after the store's own handling. */
  readonly eventListeners: Set<(event: import('@plaza/contract').RealtimeEvent) => void>;
  /** Resource modules already attached to this client, by name (one instance per client). */
  readonly extensions: Map<string, unknown>;
}

/**
 * The resource `name` of a client, created on first use by `create` from the client's internals and kept
 * for the client's lifetime (also when another copy of the SDK asks for it).
 */
export function extension<T>(client: PlazaClient, name: string, create: (internals: ClientInternals) => T): T {
  const internals = (client as unknown as Record<symbol, ClientInternals | undefined>)[CLIENT_INTERNALS];
  if (!internals) throw new TypeError('Not a Plaza client: create it with createClient() or sharedClient()');
  let value = internals.extensions.get(name) as T | undefined;
  if (value === undefined) {
    value = create(internals);
    internals.extensions.set(name, value);
  }
  return value;
}
