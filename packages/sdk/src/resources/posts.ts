import {
  Comment,
  CommentPage,
  Deleted,
  FeedPage,
  FileInfo,
  ModerationQueue,
  Post,
  PostList,
  Report,
} from '@plaza/contract/checks';
import type {
  CommentThread,
  CreateCommentRequest,
  CreatePostRequest,
  EditCommentRequest,
  EditPostRequest,
  ReactionKind,
  ReportRequest,
  ReportedPost,
} from '@plaza/contract';
import { createBatcher } from '../batcher.ts';
import { PlazaError } from '../errors.ts';
import type { Store } from '../store.ts';
import { errorFromResponse, newIdempotencyKey, validBody, type Transport } from '../transport.ts';
import { extension, type ClientOptions, type EntityType, type PlazaClient } from '../types.ts';

/** Which posts a feed shows; every field optional (no filter: the company-wide feed the viewer may see). */
export interface FeedQuery {
  groupId?: string | null;
  topic?: string | null;
  authorId?: string | null;
  /** Posts per page, 1–50 (server default 20). */
  limit?: number | null;
}

/**
 * A feed in the store (`('feed', feedKey(query))`): post ids in order, the posts themselves live under
 * `('post', id)`, so one post shown in two feeds is one state.
 */
export interface FeedState {
  query: FeedQuery;
  postIds: string[];
  /** Cursor of the next (older) page; null at the end. */
  nextCursor: string | null;
  /** A "load more" is running. */
  loadingMore: boolean;
  /** Why the last "load more" failed (the loaded pages stay). */
  moreError: PlazaError | null;
  /**
   * Posts newer than the list that a re-read found (the event stream was down, so no `post.created` came):
   * ids, newest first, for a "N new posts" banner — never inserted under the reader. Empty after a load.
   */
  newerIds: string[];
}

/** The comments of a post in the store (`('comments', postId)`): threads oldest first, as the server sends. */
export interface CommentsState {
  items: CommentThread[];
  /** Pass to {@link FeedApi}… `moreComments` for older comments; null when there are none. */
  nextCursor: string | null;
  /** Comments and replies on the post in all. */
  total: number;
}

/** Options of a write the user may retry: the same key on every retry of one action means it happens once. */
export interface WriteOptions {
  /** One key per user action (e.g. per draft); defaults to a new one per call. */
  idempotencyKey?: string;
}

export interface UploadOptions {
  /**
   * Upload progress, 0…1, or null when it cannot be measured. In a browser, passing it sends the file with
   * `XMLHttpRequest` (fetch has no upload progress); elsewhere fetch sends it and progress is reported once
   * as null (indeterminate) and then 1.
   */
  onProgress?: (fraction: number | null) => void;
  signal?: AbortSignal;
}

export interface FeedApi {
  /** The store id of a feed query: stable for equal filters (field order and empty values do not matter). */
  key(query: FeedQuery): string;
  /** Loads the first page into the store (fresh for 30 s unless `refresh`); pinned announcements come first. */
  load(query: FeedQuery, options?: { refresh?: boolean }): Promise<FeedState>;
  /** Appends the next page; a failure is kept in `moreError` (and thrown), the loaded pages stay. */
  more(query: FeedQuery): Promise<FeedState>;
}

export interface PostsApi {
  /** Loads a post into the store (batched per tick as `GET /v1/posts?ids=`, de-duplicated, fresh for 30 s). */
  get(id: string, options?: { refresh?: boolean }): Promise<Post>;
  /**
   * Creates a post; the new post is put at the top of every loaded feed it belongs in. Pass the same
   * `idempotencyKey` when retrying a failed send of the same draft: it is created at most once.
   */
  create(input: CreatePostRequest, options?: WriteOptions): Promise<Post>;
  edit(id: string, input: EditPostRequest, options?: WriteOptions): Promise<Post>;
  /** Deletes the post and removes it from every loaded feed. */
  delete(id: string): Promise<void>;
  /** Optimistic: the store shows the reaction (replacing another kind of the viewer's) at once; rolls back on failure. */
  react(id: string, kind: ReactionKind): Promise<Post>;
  /** Optimistic, like {@link PostsApi.react}. */
  unreact(id: string, kind: ReactionKind): Promise<Post>;
  /** "I have read this" — optimistic. */
  acknowledge(id: string): Promise<Post>;
  /** Reports the post to its moderators (once per person); the post's `canReport` turns false. */
  report(id: string, input: ReportRequest): Promise<Report>;
  /** Moderators: hide from everyone else / show again. Other pages drop a hidden post on its event. */
  hide(id: string): Promise<Post>;
  restore(id: string): Promise<Post>;
  /** The newest comments into `('comments', postId)` (fresh for 30 s unless `refresh`). */
  comments(postId: string, options?: { refresh?: boolean; limit?: number }): Promise<CommentsState>;
  /** Prepends the next older page of comments ("show N more"). */
  moreComments(postId: string, options?: { limit?: number }): Promise<CommentsState>;
  /** Comments (or replies, with `parentId`); the comment is added to the stored comments and the count. */
  comment(postId: string, input: CreateCommentRequest, options?: WriteOptions): Promise<Comment>;
  editComment(postId: string, commentId: string, input: EditCommentRequest): Promise<Comment>;
  /** Deletes a comment with its replies. */
  deleteComment(postId: string, commentId: string): Promise<void>;
}

export interface ModerationApi {
  /** Reported posts the viewer moderates, most recently reported first; the posts are put in the store. */
  reports(): Promise<ReportedPost[]>;
}

export interface FilesApi {
  /** Uploads an image (PNG, JPEG, WebP, GIF; at most 5 MB) as the raw body with its own Content-Type. */
  upload(file: Blob, options?: UploadOptions): Promise<FileInfo>;
}

interface Internals {
  options: ClientOptions;
  request: Transport;
  store: Store;
  load<T>(type: EntityType, id: string, fetcher: () => Promise<T>, force?: boolean): Promise<T>;
}

const enc = encodeURIComponent;
const notFoundError = () => new PlazaError('not_found', 'This post does not exist or is not visible to you', 404);

const asPlazaError = (error: unknown): PlazaError =>
  error instanceof PlazaError
    ? error
    : new PlazaError('internal', error instanceof Error ? error.message : String(error));

/** The post as it looks once the viewer's reaction is `kind` (or none, with `on` false). */
export function withReaction(post: Post, kind: ReactionKind, on: boolean): Post {
  return {
    ...post,
    reactions: post.reactions.map((reaction) => {
      const mineNow = on ? reaction.kind === kind : reaction.mine && reaction.kind !== kind;
      const delta = (mineNow ? 1 : 0) - (reaction.mine ? 1 : 0);
      return { ...reaction, mine: mineNow, count: Math.max(0, reaction.count + delta) };
    }),
  };
}

/** Posts, feeds, comments, moderation and image uploads; see {@link createClient}. */
export function createPostsResources({ options, request, store, load }: Internals) {
  const feedKeys = new Set<string>();

  const feedKey = (query: FeedQuery): string => {
    const parts: string[] = [];
    if (query.groupId) parts.push(`groupId=${query.groupId}`);
    if (query.topic) parts.push(`topic=${query.topic.replace(/^#/, '').toLowerCase()}`);
    if (query.authorId) parts.push(`authorId=${query.authorId}`);
    if (query.limit) parts.push(`limit=${query.limit}`);
    return parts.join('&') || 'all';
  };

  const feedPath = (query: FeedQuery, cursor: string | null) => {
    const params = new URLSearchParams();
    if (query.groupId) params.set('groupId', query.groupId);
    if (query.topic) params.set('topic', query.topic.replace(/^#/, ''));
    if (query.authorId) params.set('authorId', query.authorId);
    if (query.limit) params.set('limit', String(query.limit));
    if (cursor) params.set('cursor', cursor);
    const search = params.toString();
    return `v1/feed${search ? `?${search}` : ''}`;
  };

  const putPosts = (posts: Post[]) => {
    for (const post of posts) store.setValue('post', post.id, post);
  };

  const feedState = (key: string) => store.get<FeedState>('feed', key)?.value;

  const updateFeeds = (change: (feed: FeedState) => FeedState | null) => {
    for (const key of feedKeys) {
      const feed = feedState(key);
      if (!feed) continue;
      const next = change(feed);
      if (next && next !== feed) store.setValue('feed', key, next);
    }
  };

  const removeFromFeeds = (id: string) =>
    updateFeeds((feed) =>
      feed.postIds.includes(id) ? { ...feed, postIds: feed.postIds.filter((postId) => postId !== id) } : null,
    );

  /** Whether a new post belongs at the top of a feed with these filters. */
  const belongsIn = (post: Post, query: FeedQuery) =>
    (!query.groupId || post.groupId === query.groupId) &&
    (!query.topic || post.topics.includes(query.topic.replace(/^#/, '').toLowerCase())) &&
    (!query.authorId || post.author.id === query.authorId);

  const getBatched = createBatcher<Post>({
    load: async (ids) => (await request(`v1/posts?ids=${ids.map(enc).join(',')}`, { schema: PostList })).items,
    idOf: (post) => post.id,
    missing: notFoundError,
  });

  const postPath = (id: string) => `v1/posts/${enc(id)}`;

  const getPost = (id: string, refresh = false) => load('post', id, () => getBatched(id), refresh);

  /** Re-reads a post (an event named it); one that is gone or hidden from the viewer leaves every feed. */
  const refreshPost = async (id: string) => {
    try {
      await getPost(id, true);
    } catch (error) {
      if (asPlazaError(error).code === 'not_found') removeFromFeeds(id);
      throw error;
    }
    // Open comments follow the post's changes (a comment event always comes with `post.updated`).
    const comments = store.get<CommentsState>('comments', id)?.value;
    if (comments) await loadComments(id, true, Math.min(50, Math.max(10, comments.items.length)));
  };

  /** Shows `optimistic` at once, sends, stores the answer; restores the old post when the server refuses. */
  async function writePost(id: string, send: (key: string) => Promise<Post>, optimistic?: (post: Post) => Post) {
    const before = store.get<Post>('post', id)?.value;
    const shown = before && optimistic ? optimistic(before) : undefined;
    if (shown) store.setValue('post', id, shown);
    try {
      const post = await send(newIdempotencyKey());
      store.setValue('post', id, post);
      return post;
    } catch (error) {
      if (shown && store.get<Post>('post', id)?.value === shown) store.setValue('post', id, before);
      const plazaError = asPlazaError(error);
      if (plazaError.code === 'not_found') removeFromFeeds(id);
      throw plazaError;
    }
  }

  const loadFeed = (query: FeedQuery, refresh = false) => {
    const key = feedKey(query);
    feedKeys.add(key);
    return load<FeedState>(
      'feed',
      key,
      async () => {
        const page = await request(feedPath(query, null), { schema: FeedPage });
        putPosts(page.items);
        return {
          query: { ...query },
          postIds: page.items.map((post) => post.id),
          nextCursor: page.nextCursor,
          loadingMore: false,
          moreError: null,
          newerIds: [],
        };
      },
      refresh,
    );
  };

  /**
   * Re-reads the first page of a loaded feed (the stream was interrupted: posts may have been created
   * meanwhile) and records the posts the list does not have in `newerIds`, leaving the list as it is.
   */
  const findNewer = async (key: string) => {
    const feed = feedState(key);
    if (!feed) return;
    const generation = store.generation;
    const page = await request(feedPath(feed.query, null), { schema: FeedPage });
    const latest = feedState(key);
    if (!latest || store.generation !== generation) return;
    const known = new Set([...latest.postIds, ...latest.newerIds]);
    const newer = page.items.filter((post) => !known.has(post.id));
    if (newer.length === 0) return;
    putPosts(newer);
    store.setValue('feed', key, { ...latest, newerIds: [...newer.map((post) => post.id), ...latest.newerIds] });
  };

  const moreRunning = new Map<string, Promise<FeedState>>();
  const moreFeed = (query: FeedQuery): Promise<FeedState> => {
    const key = feedKey(query);
    const running = moreRunning.get(key);
    if (running) return running;
    const current = feedState(key);
    if (!current) return loadFeed(query);
    if (current.nextCursor === null) return Promise.resolve(current);
    const generation = store.generation;
    store.setValue('feed', key, { ...current, loadingMore: true, moreError: null });
    const promise = request(feedPath(query, current.nextCursor), { schema: FeedPage })
      .then((page) => {
        const latest = feedState(key) ?? current;
        if (store.generation !== generation) return latest;
        putPosts(page.items);
        const known = new Set(latest.postIds);
        const next: FeedState = {
          ...latest,
          postIds: [...latest.postIds, ...page.items.map((post) => post.id).filter((id) => !known.has(id))],
          nextCursor: page.nextCursor,
          loadingMore: false,
          moreError: null,
        };
        store.setValue('feed', key, next);
        return next;
      })
      .catch((error: unknown) => {
        const plazaError = asPlazaError(error);
        const latest = feedState(key);
        if (latest && store.generation === generation) {
          store.setValue('feed', key, { ...latest, loadingMore: false, moreError: plazaError });
        }
        throw plazaError;
      })
      .finally(() => moreRunning.delete(key));
    moreRunning.set(key, promise);
    return promise;
  };

  const commentsPath = (postId: string, before: string | null, limit: number | undefined) => {
    const params = new URLSearchParams();
    if (before) params.set('before', before);
    if (limit) params.set('limit', String(limit));
    const search = params.toString();
    return `${postPath(postId)}/comments${search ? `?${search}` : ''}`;
  };

  const loadComments = (postId: string, refresh = false, limit?: number) =>
    load<CommentsState>(
      'comments',
      postId,
      async () => {
        const page = await request(commentsPath(postId, null, limit), { schema: CommentPage });
        return { items: page.items, nextCursor: page.nextCursor, total: page.total };
      },
      refresh,
    );

  const setCommentCount = (postId: string, change: number) => {
    const post = store.get<Post>('post', postId)?.value;
    if (post) store.setValue('post', postId, { ...post, commentCount: Math.max(0, post.commentCount + change) });
  };

  const updateComments = (postId: string, change: (state: CommentsState) => CommentsState) => {
    const state = store.get<CommentsState>('comments', postId)?.value;
    if (state) store.setValue('comments', postId, change(state));
  };

  const replaceComment = (threads: CommentThread[], comment: Comment): CommentThread[] =>
    threads.map((thread) =>
      thread.id === comment.id
        ? { ...comment, replies: thread.replies }
        : { ...thread, replies: thread.replies.map((reply) => (reply.id === comment.id ? comment : reply)) },
    );

  /** Sends an image as the raw body; XMLHttpRequest when progress is wanted in a browser, fetch otherwise. */
  async function upload(file: Blob, { onProgress, signal }: UploadOptions = {}): Promise<FileInfo> {
    const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    const url = `${base}v1/files`;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': file.type || 'application/octet-stream',
      'X-Plaza-CSRF': '1',
      'Idempotency-Key': newIdempotencyKey(),
    };
    const token = options.getToken ? await options.getToken() : null;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.locale) headers['Accept-Language'] = options.locale;
    const credentials = options.credentials ?? 'same-origin';

    let response: Response;
    if (onProgress && typeof XMLHttpRequest !== 'undefined' && !options.fetch) {
      response = await new Promise<Response>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', url);
        xhr.withCredentials = credentials === 'include';
        for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
        xhr.upload.onprogress = (event) => onProgress(event.lengthComputable ? event.loaded / event.total : null);
        xhr.onload = () => {
          const responseHeaders = new Headers();
          const retryAfter = xhr.getResponseHeader('Retry-After');
          if (retryAfter) responseHeaders.set('Retry-After', retryAfter);
          resolve(new Response(xhr.responseText, { status: xhr.status, headers: responseHeaders }));
        };
        xhr.onerror = () => reject(new PlazaError('network', 'The Plaza server could not be reached'));
        xhr.onabort = () => reject(new PlazaError('aborted', 'Upload cancelled'));
        signal?.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(file);
      });
    } else {
      onProgress?.(null);
      const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
      try {
        response = await doFetch(url, { method: 'POST', headers, credentials, body: file, signal });
      } catch (cause) {
        if (cause instanceof DOMException && cause.name === 'AbortError') {
          throw new PlazaError('aborted', 'Upload cancelled');
        }
        throw new PlazaError('network', 'The Plaza server could not be reached');
      }
    }
    if (!response.ok) throw await errorFromResponse(response);
    const info = await validBody(response, FileInfo);
    onProgress?.(1);
    return info;
  }

  const feed: FeedApi = {
    key: feedKey,
    load: (query, { refresh = false } = {}) => loadFeed(query, refresh),
    more: moreFeed,
  };

  const posts: PostsApi = {
    get: (id, { refresh = false } = {}) => getPost(id, refresh),
    create: async (input, { idempotencyKey } = {}) => {
      const post = await request('v1/posts', {
        method: 'POST',
        body: input,
        schema: Post,
        idempotencyKey: idempotencyKey ?? newIdempotencyKey(),
      });
      store.setValue('post', post.id, post);
      updateFeeds((state) =>
        belongsIn(post, state.query) && !state.postIds.includes(post.id)
          ? { ...state, postIds: insertAfterPinned(state.postIds, post.id) }
          : null,
      );
      return post;
    },
    edit: (id, input, { idempotencyKey } = {}) =>
      writePost(id, (key) =>
        request(postPath(id), { method: 'PATCH', body: input, schema: Post, idempotencyKey: idempotencyKey ?? key }),
      ),
    delete: async (id) => {
      try {
        await request(postPath(id), { method: 'DELETE', schema: Deleted, idempotencyKey: newIdempotencyKey() });
      } catch (error) {
        // Already gone is what the user wanted.
        if (asPlazaError(error).code !== 'not_found') throw asPlazaError(error);
      }
      removeFromFeeds(id);
    },
    react: (id, kind) =>
      writePost(
        id,
        (key) =>
          request(`${postPath(id)}/reactions/${enc(kind)}`, { method: 'PUT', schema: Post, idempotencyKey: key }),
        (post) => withReaction(post, kind, true),
      ),
    unreact: (id, kind) =>
      writePost(
        id,
        (key) =>
          request(`${postPath(id)}/reactions/${enc(kind)}`, { method: 'DELETE', schema: Post, idempotencyKey: key }),
        (post) => withReaction(post, kind, false),
      ),
    acknowledge: (id) =>
      writePost(
        id,
        (key) => request(`${postPath(id)}/acknowledgements`, { method: 'POST', schema: Post, idempotencyKey: key }),
        (post) =>
          post.acknowledgement && !post.acknowledgement.acknowledged
            ? {
                ...post,
                acknowledgement: {
                  ...post.acknowledgement,
                  acknowledged: true,
                  count: post.acknowledgement.count === null ? null : post.acknowledgement.count + 1,
                },
              }
            : post,
      ),
    report: async (id, input) => {
      const report = await request(`${postPath(id)}/reports`, {
        method: 'POST',
        body: input,
        schema: Report,
        idempotencyKey: newIdempotencyKey(),
      }).catch((error: unknown) => {
        const plazaError = asPlazaError(error);
        // 409: reported before (from another tab): the post can no longer be reported either way.
        if (plazaError.status === 409) markReported(id);
        throw plazaError;
      });
      markReported(id);
      return report;
    },
    hide: (id) =>
      writePost(id, (key) => request(`${postPath(id)}/hide`, { method: 'POST', schema: Post, idempotencyKey: key })),
    restore: (id) =>
      writePost(id, (key) => request(`${postPath(id)}/restore`, { method: 'POST', schema: Post, idempotencyKey: key })),
    comments: (postId, { refresh = false, limit } = {}) => loadComments(postId, refresh, limit),
    moreComments: async (postId, { limit } = {}) => {
      const current = store.get<CommentsState>('comments', postId)?.value;
      if (!current) return loadComments(postId, false, limit);
      if (current.nextCursor === null) return current;
      const page = await request(commentsPath(postId, current.nextCursor, limit), { schema: CommentPage });
      const latest = store.get<CommentsState>('comments', postId)?.value ?? current;
      const known = new Set(latest.items.map((thread) => thread.id));
      const next: CommentsState = {
        items: [...page.items.filter((thread) => !known.has(thread.id)), ...latest.items],
        nextCursor: page.nextCursor,
        total: page.total,
      };
      store.setValue('comments', postId, next);
      return next;
    },
    comment: async (postId, input, { idempotencyKey } = {}) => {
      const comment = await request(`${postPath(postId)}/comments`, {
        method: 'POST',
        body: input,
        schema: Comment,
        idempotencyKey: idempotencyKey ?? newIdempotencyKey(),
      });
      let added = false;
      updateComments(postId, (state) => {
        const exists = state.items.some(
          (thread) => thread.id === comment.id || thread.replies.some((reply) => reply.id === comment.id),
        );
        if (exists) return state;
        added = true;
        const items =
          comment.parentId === null
            ? [...state.items, { ...comment, replies: [] }]
            : state.items.map((thread) =>
                thread.id === comment.parentId ? { ...thread, replies: [...thread.replies, comment] } : thread,
              );
        return { ...state, items, total: state.total + 1 };
      });
      if (added || !store.get('comments', postId)?.value) setCommentCount(postId, 1);
      return comment;
    },
    editComment: async (postId, commentId, input) => {
      const comment = await request(`v1/comments/${enc(commentId)}`, {
        method: 'PATCH',
        body: input,
        schema: Comment,
        idempotencyKey: newIdempotencyKey(),
      });
      updateComments(postId, (state) => ({ ...state, items: replaceComment(state.items, comment) }));
      return comment;
    },
    deleteComment: async (postId, commentId) => {
      try {
        await request(`v1/comments/${enc(commentId)}`, {
          method: 'DELETE',
          schema: Deleted,
          idempotencyKey: newIdempotencyKey(),
        });
      } catch (error) {
        if (asPlazaError(error).code !== 'not_found') throw asPlazaError(error);
      }
      let removed = 0;
      updateComments(postId, (state) => {
        const items: CommentThread[] = [];
        for (const thread of state.items) {
          if (thread.id === commentId) {
            removed += 1 + thread.replies.length;
            continue;
          }
          const replies = thread.replies.filter((reply) => reply.id !== commentId);
          removed += thread.replies.length - replies.length;
          items.push(replies.length === thread.replies.length ? thread : { ...thread, replies });
        }
        return { ...state, items, total: Math.max(0, state.total - removed) };
      });
      if (removed) setCommentCount(postId, -removed);
      else void getPost(postId, true).catch(() => undefined);
    },
  };

  function markReported(id: string) {
    const post = store.get<Post>('post', id)?.value;
    if (post?.canReport) store.setValue('post', id, { ...post, canReport: false });
  }

  /** A new post goes below the pinned announcements at the top of a feed. */
  function insertAfterPinned(ids: string[], id: string): string[] {
    let index = 0;
    while (index < ids.length && store.get<Post>('post', ids[index]!)?.value?.announcement?.pinned) index++;
    return [...ids.slice(0, index), id, ...ids.slice(index)];
  }

  const moderation: ModerationApi = {
    reports: async () => {
      const queue = await request('v1/moderation/reports', { schema: ModerationQueue });
      putPosts(queue.items.map((item) => item.post));
      return queue.items;
    },
  };

  const files: FilesApi = { upload };

  return { feed, posts, moderation, files, refreshPost, findNewer };
}

/** Feeds, posts, moderation and uploads: what `postsApi(client)` gives. */
export interface PostsResources {
  /** Feeds (cursor pages of post ids) in the store under `('feed', feed.key(query))`. */
  readonly feed: FeedApi;
  /** Posts (`('post', id)`), their reactions, comments (`('comments', postId)`), reports and moderation. */
  readonly posts: PostsApi;
  readonly moderation: ModerationApi;
  readonly files: FilesApi;
}

/**
 * The posts resources of `client` (entry point `@plaza/sdk/posts`): created on first use, one per client,
 * sharing its store, request queue and event stream. A page without a feed never downloads this code.
 */
export function postsApi(client: PlazaClient): PostsResources {
  return extension(client, 'posts', (internals) => {
    const { feed, posts, moderation, files, refreshPost, findNewer } = createPostsResources(internals);
    internals.refreshers.post = refreshPost;
    // Only on a resync (no event names a feed): while polling, and when the stream is back.
    internals.refreshers.feed = findNewer;
    internals.eventEntities.post = 'post';
    return { feed, posts, moderation, files };
  });
}
