import * as z from 'zod/mini';
import { ErrorBody } from './common.ts';
import { User } from './user.ts';
import { CreatePollRequest, Poll, PollList, VoteRequest } from './poll.ts';
import { Group, GroupContributors, GroupList, GroupRequestList } from './group.ts';
import { UserSearchResult } from './user.ts';
import { RealtimeEvent } from './events.ts';
import {
  AcceptAnswerRequest,
  Answer,
  AnswerList,
  CreateAnswerRequest,
  CreateQuestionRequest,
  QuestionPage,
  QuestionWithAnswers,
  SimilarQuestions,
} from './question.ts';
import { ExpertList } from './expert.ts';
import { Catalog } from './catalog.ts';
import { FileInfo } from './file.ts';
import { MarkNotificationsReadRequest, MarkNotificationsReadResponse, NotificationPage } from './notification.ts';
import {
  Comment,
  CommentPage,
  CreateCommentRequest,
  CreatePostRequest,
  Deleted,
  EditCommentRequest,
  EditPostRequest,
  FeedPage,
  ModerationQueue,
  Post,
  PostList,
  Report,
  ReportRequest,
} from './post.ts';

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path template, e.g. `/v1/polls/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  /** Whether the route needs a signed-in user (401 otherwise). */
  auth: boolean;
  query?: Record<string, { description: string; required?: boolean }>;
  body?: z.ZodMiniType;
  response?: { status: number; schema: z.ZodMiniType };
  /** Media type of the success response, when not JSON (`text/event-stream`: `schema` is each message's data). */
  mediaType?: string;
  /** Error statuses the route documents besides 401/429/500. */
  errors: number[];
}

/** Every route of the reference API; the server test checks this list against the mounted routes. */
export const API_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/v1/me',
    operationId: 'getMe',
    summary: 'The signed-in user',
    auth: true,
    response: { status: 200, schema: User },
    errors: [],
  },
  {
    method: 'get',
    path: '/v1/polls',
    operationId: 'listPolls',
    summary: 'Several polls by id (batch read); unknown or invisible ids are left out',
    auth: false,
    query: { ids: { description: 'Comma-separated poll ids (at most 100)', required: true } },
    response: { status: 200, schema: PollList },
    errors: [400],
  },
  {
    method: 'post',
    path: '/v1/polls',
    operationId: 'createPoll',
    summary: 'Create a poll',
    auth: true,
    body: CreatePollRequest,
    response: { status: 201, schema: Poll },
    // 404: a groupId that does not exist or is not visible to the viewer.
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/v1/polls/{id}',
    operationId: 'getPoll',
    summary: 'One poll, with the tally the viewer may see',
    auth: false,
    response: { status: 200, schema: Poll },
    errors: [404],
  },
  {
    method: 'put',
    path: '/v1/polls/{id}/vote',
    operationId: 'vote',
    summary: "Cast or replace the viewer's ballot",
    auth: true,
    body: VoteRequest,
    response: { status: 200, schema: Poll },
    errors: [400, 404, 409],
  },
  {
    method: 'delete',
    path: '/v1/polls/{id}/vote',
    operationId: 'retractVote',
    summary: "Retract the viewer's ballot",
    auth: true,
    response: { status: 200, schema: Poll },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/polls/{id}/close',
    operationId: 'closePoll',
    summary: 'Close a poll now (its creator or a manager)',
    auth: true,
    response: { status: 200, schema: Poll },
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/v1/users',
    operationId: 'searchUsers',
    summary: 'People whose name contains the query (mention autocomplete), at most 8, best match first',
    auth: true,
    query: { query: { description: 'Part of a name, 1 to 100 characters (case is ignored)', required: true } },
    response: { status: 200, schema: UserSearchResult },
    errors: [400],
  },
  {
    method: 'get',
    path: '/v1/groups',
    operationId: 'listGroups',
    summary:
      'Several groups by id (batch read), in the order asked; unknown ids are left out, private groups come in their reduced form to outsiders',
    auth: false,
    query: { ids: { description: 'Comma-separated group ids (at most 100)', required: true } },
    response: { status: 200, schema: GroupList },
    errors: [400],
  },
  {
    method: 'get',
    path: '/v1/groups/{id}',
    operationId: 'getGroup',
    summary: 'One group as the viewer sees it (reduced form, without people, for outsiders of a private group)',
    auth: false,
    response: { status: 200, schema: Group },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/groups/{id}/contributors',
    operationId: 'groupContributors',
    summary:
      'Top contributors of the current month (UTC): up to 3 people by posts + answers + 2 × accepted answers in the group',
    auth: false,
    response: { status: 200, schema: GroupContributors },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/groups/{id}/join',
    operationId: 'joinGroup',
    summary: 'Join an open group; a member joining again gets 200 and nothing changes',
    auth: true,
    response: { status: 200, schema: Group },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/groups/{id}/requests',
    operationId: 'requestToJoin',
    summary: 'Ask to join a group whose policy is `request`; asking again, or as a member, changes nothing (200)',
    auth: true,
    response: { status: 200, schema: Group },
    errors: [404, 409],
  },
  {
    method: 'delete',
    path: '/v1/groups/{id}/requests/mine',
    operationId: 'cancelJoinRequest',
    summary: "Withdraw the viewer's request to join; without one, nothing changes (200)",
    auth: true,
    response: { status: 200, schema: Group },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/groups/{id}/leave',
    operationId: 'leaveGroup',
    summary: 'Leave a group (409 `last_admin` for its only admin); a non-member leaving changes nothing (200)',
    auth: true,
    response: { status: 200, schema: Group },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/groups/{id}/requests',
    operationId: 'listJoinRequests',
    summary: 'Pending requests to join, oldest first (group admins, and company managers who are members)',
    auth: true,
    response: { status: 200, schema: GroupRequestList },
    errors: [403, 404],
  },
  {
    method: 'post',
    path: '/v1/groups/{id}/requests/{userId}/approve',
    operationId: 'approveJoinRequest',
    summary:
      'Make the requester a member. Already a member: 200, nothing changes. No pending request (denied or withdrawn meanwhile): 409 `no_pending_request`',
    auth: true,
    response: { status: 200, schema: Group },
    errors: [403, 404, 409],
  },
  {
    method: 'post',
    path: '/v1/groups/{id}/requests/{userId}/deny',
    operationId: 'denyJoinRequest',
    summary:
      'Turn a request down. No pending request and not a member: 200, nothing changes. Approved meanwhile: 409 `already_member`',
    auth: true,
    response: { status: 200, schema: Group },
    errors: [403, 404, 409],
  },
  {
    method: 'get',
    path: '/v1/events',
    operationId: 'streamEvents',
    summary:
      'Server-Sent Events of what changed that the viewer may see: `id:` the event id, `event:` its type, `data:` a RealtimeEvent. Send `Last-Event-ID` to resume.',
    auth: false,
    query: { lastEventId: { description: 'Resume after this event id (instead of the Last-Event-ID header)' } },
    response: { status: 200, schema: RealtimeEvent },
    mediaType: 'text/event-stream',
    errors: [400],
  },
  {
    method: 'get',
    path: '/v1/questions',
    operationId: 'listQuestions',
    summary:
      'Questions, newest first (for an expert of the topic: escalated unanswered ones first), or several by id (`ids`)',
    auth: false,
    query: {
      topic: { description: 'Only this topic' },
      groupId: { description: 'Only this group (404 when the viewer cannot see it)' },
      filter: { description: '`recent` (default), `unanswered` or `mine` (signed in)' },
      cursor: { description: 'The `nextCursor` of the previous page' },
      limit: { description: 'Page size, 1–50 (default 20)' },
      ids: { description: 'Comma-separated question ids (at most 100): a batch read, other parameters ignored' },
    },
    response: { status: 200, schema: QuestionPage },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/v1/questions/similar',
    operationId: 'similarQuestions',
    summary:
      'Questions similar to a draft, ranked by full-text search in English and German; any text is accepted (cut at 1,000 characters)',
    auth: false,
    query: {
      q: { description: 'The draft title or text' },
      topic: { description: 'Only this topic' },
      limit: { description: 'How many, 1–20 (default 5)' },
    },
    response: { status: 200, schema: SimilarQuestions },
    errors: [400],
  },
  {
    method: 'post',
    path: '/v1/questions',
    operationId: 'askQuestion',
    summary: "Ask a question (optionally anonymously); notifies the topic's available experts",
    auth: true,
    body: CreateQuestionRequest,
    response: { status: 201, schema: QuestionWithAnswers },
    errors: [400, 404, 413],
  },
  {
    method: 'get',
    path: '/v1/questions/{id}',
    operationId: 'getQuestion',
    summary: 'One question with its answers',
    auth: false,
    response: { status: 200, schema: QuestionWithAnswers },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/questions/{id}/answers',
    operationId: 'listAnswers',
    summary: "A question's answers: accepted first, then by votes",
    auth: false,
    response: { status: 200, schema: AnswerList },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/questions/{id}/answers',
    operationId: 'answerQuestion',
    summary: 'Answer a question; notifies the asker',
    auth: true,
    body: CreateAnswerRequest,
    response: { status: 201, schema: Answer },
    errors: [400, 404, 413],
  },
  {
    method: 'post',
    path: '/v1/questions/{id}/accept',
    operationId: 'acceptAnswer',
    summary: 'Accept an answer (the asker or an expert of the topic); replaces an earlier accepted answer',
    auth: true,
    body: AcceptAnswerRequest,
    response: { status: 200, schema: QuestionWithAnswers },
    errors: [400, 403, 404],
  },
  {
    method: 'put',
    path: '/v1/answers/{id}/vote',
    operationId: 'upvoteAnswer',
    summary: 'Upvote an answer (once per person; not your own)',
    auth: true,
    response: { status: 200, schema: Answer },
    errors: [403, 404],
  },
  {
    method: 'delete',
    path: '/v1/answers/{id}/vote',
    operationId: 'retractAnswerVote',
    summary: "Take back the viewer's upvote",
    auth: true,
    response: { status: 200, schema: Answer },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/experts',
    operationId: 'listExperts',
    summary: "A topic's experts with skills, availability and answer counts (counting only visible questions)",
    auth: false,
    query: { topic: { description: 'Only this topic; all experts when absent' } },
    response: { status: 200, schema: ExpertList },
    errors: [400],
  },
  {
    method: 'get',
    path: '/v1/notifications',
    operationId: 'listNotifications',
    summary: "The viewer's notifications, newest first",
    auth: true,
    query: {
      cursor: { description: 'The `nextCursor` of the previous page' },
      limit: { description: 'Page size, 1–50 (default 20)' },
    },
    response: { status: 200, schema: NotificationPage },
    errors: [400],
  },
  {
    method: 'post',
    path: '/v1/notifications/read',
    operationId: 'markNotificationsRead',
    summary: 'Mark some (`ids`) or all (`all: true`) of the viewer’s notifications read',
    auth: true,
    body: MarkNotificationsReadRequest,
    response: { status: 200, schema: MarkNotificationsReadResponse },
    errors: [400],
  },
  {
    method: 'post',
    path: '/v1/files',
    operationId: 'uploadFile',
    summary:
      'Upload an image (PNG, JPEG, WebP or GIF, at most 5 MB and 8000 px a side) as the raw body or as the `file` field of multipart/form-data; the type is read from the content',
    auth: true,
    response: { status: 201, schema: FileInfo },
    errors: [400, 413, 415],
  },
  {
    method: 'get',
    path: '/v1/files/{id}',
    operationId: 'getFile',
    summary: 'The bytes of an uploaded image, with its content type (not JSON)',
    auth: false,
    errors: [404],
  },
  {
    method: 'delete',
    path: '/v1/files/{id}',
    operationId: 'deleteFile',
    summary: 'Delete an uploaded image (its uploader); 204',
    auth: true,
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/v1/catalog',
    operationId: 'getCatalog',
    summary:
      'What an editor can embed (snippet builder): visible polls newest first (at most 100), every group, expert topics',
    auth: false,
    response: { status: 200, schema: Catalog },
    errors: [],
  },
  {
    method: 'get',
    path: '/v1/feed',
    operationId: 'getFeed',
    summary: 'Posts the viewer may see, newest first; pinned announcements first on the first page',
    auth: false,
    query: {
      cursor: { description: '`nextCursor` of the previous page' },
      limit: { description: 'Posts per page, 1–50 (default 20)' },
      groupId: { description: 'Only posts of this group' },
      topic: { description: 'Only posts with this #topic (case-insensitive, without #)' },
      authorId: { description: 'Only posts by this person' },
    },
    response: { status: 200, schema: FeedPage },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/v1/posts',
    operationId: 'listPosts',
    summary: 'Several posts by id (batch read); unknown or invisible ids are left out',
    auth: false,
    query: { ids: { description: 'Comma-separated post ids (at most 100)', required: true } },
    response: { status: 200, schema: PostList },
    errors: [400],
  },
  {
    method: 'post',
    path: '/v1/posts',
    operationId: 'createPost',
    summary: 'Create a post (announcements: managers of the audience only)',
    auth: true,
    body: CreatePostRequest,
    response: { status: 201, schema: Post },
    errors: [400, 403, 404, 413],
  },
  {
    method: 'get',
    path: '/v1/posts/{id}',
    operationId: 'getPost',
    summary: 'One post',
    auth: false,
    response: { status: 200, schema: Post },
    errors: [404],
  },
  {
    method: 'patch',
    path: '/v1/posts/{id}',
    operationId: 'editPost',
    summary: 'Edit a post (its author)',
    auth: true,
    body: EditPostRequest,
    response: { status: 200, schema: Post },
    errors: [400, 403, 404],
  },
  {
    method: 'delete',
    path: '/v1/posts/{id}',
    operationId: 'deletePost',
    summary: 'Delete a post (its author or a moderator), with its comments',
    auth: true,
    response: { status: 200, schema: Deleted },
    errors: [403, 404],
  },
  {
    method: 'put',
    path: '/v1/posts/{id}/reactions/{kind}',
    operationId: 'react',
    summary: "Set the viewer's reaction (one per post: replaces another kind)",
    auth: true,
    response: { status: 200, schema: Post },
    errors: [400, 404],
  },
  {
    method: 'delete',
    path: '/v1/posts/{id}/reactions/{kind}',
    operationId: 'unreact',
    summary: "Remove the viewer's reaction of this kind",
    auth: true,
    response: { status: 200, schema: Post },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/v1/posts/{id}/comments',
    operationId: 'listComments',
    summary: 'The newest top-level comments with their replies; `before` pages back ("show more")',
    auth: false,
    query: {
      before: { description: '`nextCursor` of the previous page' },
      limit: { description: 'Top-level comments per page, 1–50 (default 10)' },
    },
    response: { status: 200, schema: CommentPage },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/v1/posts/{id}/comments',
    operationId: 'createComment',
    summary: 'Comment on a post, or reply to a comment (group posts: members only)',
    auth: true,
    body: CreateCommentRequest,
    response: { status: 201, schema: Comment },
    errors: [400, 403, 404, 413],
  },
  {
    method: 'patch',
    path: '/v1/comments/{id}',
    operationId: 'editComment',
    summary: 'Edit a comment (its author)',
    auth: true,
    body: EditCommentRequest,
    response: { status: 200, schema: Comment },
    errors: [400, 403, 404],
  },
  {
    method: 'delete',
    path: '/v1/comments/{id}',
    operationId: 'deleteComment',
    summary: "Delete a comment and its replies (its author or the post's moderator)",
    auth: true,
    response: { status: 200, schema: Deleted },
    errors: [403, 404],
  },
  {
    method: 'post',
    path: '/v1/posts/{id}/acknowledgements',
    operationId: 'acknowledgePost',
    summary: 'Confirm "I have read this" (idempotent)',
    auth: true,
    response: { status: 200, schema: Post },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/posts/{id}/reports',
    operationId: 'reportPost',
    summary: 'Report a post to its moderators (once per person)',
    auth: true,
    body: ReportRequest,
    response: { status: 201, schema: Report },
    errors: [400, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/v1/posts/{id}/hide',
    operationId: 'hidePost',
    summary: 'Hide a post from everyone but its moderators',
    auth: true,
    response: { status: 200, schema: Post },
    errors: [403, 404],
  },
  {
    method: 'post',
    path: '/v1/posts/{id}/restore',
    operationId: 'restorePost',
    summary: 'Show a hidden post again',
    auth: true,
    response: { status: 200, schema: Post },
    errors: [403, 404],
  },
  {
    method: 'get',
    path: '/v1/moderation/reports',
    operationId: 'listReports',
    summary: 'Reported posts the viewer moderates, most recently reported first',
    auth: true,
    response: { status: 200, schema: ModerationQueue },
    errors: [403],
  },
];

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request (for a write, also an invalid Idempotency-Key); `error.fields` names each invalid field',
  401: 'Not signed in',
  403: 'Not allowed (`forbidden`), or a cookie-authenticated write without the X-Plaza-CSRF header (`csrf_failed`)',
  404: 'Not found, or not visible to the viewer',
  409: 'Conflicts with the current state (e.g. the poll is closed), or a request with the same Idempotency-Key is still in progress',
  413: 'Body larger than 64 KB',
  415: 'Not a supported image type (judged by the content)',
  422: 'The Idempotency-Key was already used for a different request',
  429: 'Rate limited; retry after `Retry-After` seconds',
  500: 'Server error',
};

const schemaOf = (schema: z.ZodMiniType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** The OpenAPI 3.1 document of the reference API, generated from the zod schemas. */
export function buildOpenApi(serverUrl = '/'): Record<string, unknown> {
  const errorRef = { $ref: '#/components/schemas/Error' };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = Object.entries(route.query ?? {}).map(([name, q]) => ({
      name,
      in: 'query',
      required: q.required ?? false,
      description: q.description,
      schema: { type: 'string' },
    }));
    const isWrite = route.method !== 'get';
    // Every write may meet what the write middleware checks before its handler: an invalid Idempotency-Key
    // (400), a CSRF refusal (403, cookie auth without X-Plaza-CSRF), the same key still in progress (409), a
    // body over 64 KB (413; uploads have their own limit) and a key reused for another request (422).
    const statuses = [
      ...new Set([
        ...route.errors,
        ...(route.auth ? [401] : []),
        ...(isWrite ? [400, 403, 409, 413, 422] : []),
        429,
        500,
      ]),
    ].sort();
    const responses: Record<string, unknown> = {};
    if (route.response) {
      responses[String(route.response.status)] = {
        description: 'OK',
        content: { [route.mediaType ?? 'application/json']: { schema: schemaOf(route.response.schema, 'output') } },
      };
    }
    for (const status of statuses) {
      responses[String(status)] = {
        description: ERROR_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: errorRef } },
      };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      parameters: [
        ...pathParams,
        ...queryParams,
        ...(isWrite
          ? [
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                description: 'Retries with the same key return the first response instead of acting twice',
                schema: { type: 'string', maxLength: 200 },
              },
            ]
          : []),
      ],
      ...(route.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } },
          }
        : {}),
      responses,
      ...(route.auth ? {} : { security: [{}, { cookie: [] }, { bearer: [] }] }),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Plaza API',
      version: '1.0.0',
      description: 'Social widgets for intranets. Every error has the shape of `#/components/schemas/Error`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ cookie: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'plaza_session',
          description: 'Needs the X-Plaza-CSRF header on writes',
        },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
      schemas: { Error: schemaOf(ErrorBody, 'output') },
    },
    paths,
  };
}
