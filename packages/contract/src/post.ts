import * as z from 'zod/mini';
import { Id, Timestamp, itemsOf, visibleText } from './common.ts';
import { RichText } from './rich-text.ts';
import { UserRef } from './user.ts';
import { POST_LIMITS, REPORT_REASONS } from './limits.ts';

/** Reaction kinds, in display order. A person has at most one reaction per post. */
export const ReactionKind = z.enum(['like', 'celebrate', 'insightful', 'support']);
export type ReactionKind = z.infer<typeof ReactionKind>;

/** An uploaded image attached to a post or comment. */
export const PostImage = z.object({
  fileId: Id,
  /** Where to load it: `/v1/files/<fileId>`, relative to the API base. */
  url: z.string(),
  /** Alternative text; empty only for decorative images. */
  alt: z.string().check(z.maxLength(POST_LIMITS.altMax)),
  width: z.int().check(z.minimum(1)),
  height: z.int().check(z.minimum(1)),
});
export type PostImage = z.infer<typeof PostImage>;

/** A post made an announcement by a manager of its audience. */
export const Announcement = z.object({
  /** Shown above the other posts on the feed's first page until it expires. */
  pinned: z.boolean(),
  /** Crisis communication: the feed highlights it. */
  urgent: z.boolean(),
  /** After this the announcement is an ordinary post (no longer pinned); null: never. */
  expiresAt: z.nullable(Timestamp),
  /** Readers are asked to confirm "I have read this". */
  ackRequired: z.boolean(),
});
export type Announcement = z.infer<typeof Announcement>;

/** One reaction kind on a post. Every kind is listed, in `ReactionKind` order, also with count 0. */
export const ReactionSummary = z.object({
  kind: ReactionKind,
  count: z.int().check(z.minimum(0)),
  /** Whether this is the viewer's reaction. */
  mine: z.boolean(),
  /** The first few people who reacted so (earliest first), for a hover preview. */
  reactors: z.array(UserRef),
});
export type ReactionSummary = z.infer<typeof ReactionSummary>;

/** "I have read this" state of an announcement that asks for it. */
export const Acknowledgement = z.object({
  /** Whether the viewer confirmed. */
  acknowledged: z.boolean(),
  /** How many confirmed: only for those who manage the audience (else null). */
  count: z.nullable(z.int().check(z.minimum(0))),
  /** How many people the audience has (the group's members, or everyone): managers only (else null). */
  memberCount: z.nullable(z.int().check(z.minimum(0))),
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;

/** A post as the viewer sees it. */
export const Post = z.object({
  id: Id,
  author: UserRef,
  /** The group it was posted in; null: company-wide. */
  groupId: z.nullable(Id),
  body: RichText,
  /** Topics of the body (`#tag`), lower-cased, distinct. */
  topics: z.array(z.string()),
  /** People mentioned in the body. */
  mentions: z.array(UserRef),
  createdAt: Timestamp,
  /** When the author last edited it; null if never. */
  editedAt: z.nullable(Timestamp),
  images: z.array(PostImage).check(z.maxLength(POST_LIMITS.imagesMax)),
  /** A poll shown with the post (load it with `GET /v1/polls/{id}`); null: none. */
  pollId: z.nullable(Id),
  announcement: z.nullable(Announcement),
  reactions: z.array(ReactionSummary),
  commentCount: z.int().check(z.minimum(0)),
  /** Null unless the post is an announcement asking for acknowledgement. */
  acknowledgement: z.nullable(Acknowledgement),
  /** Hidden by a moderator: only moderators still see the post (always false for anyone else). */
  hidden: z.boolean(),
  /** The viewer wrote it. */
  canEdit: z.boolean(),
  /** The viewer wrote it or moderates it. */
  canDelete: z.boolean(),
  /** Signed in, not the author, and not reported by the viewer yet. */
  canReport: z.boolean(),
  /** The viewer may hide/restore it and see its reports (company managers for company-wide posts, group managers). */
  canModerate: z.boolean(),
});
export type Post = z.infer<typeof Post>;

export const PostList = itemsOf(Post);
export type PostList = z.infer<typeof PostList>;

/** `GET /v1/feed`: newest first; on the first page, pinned announcements come first. */
export const FeedPage = z.object({
  items: z.array(Post),
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: z.nullable(z.string()),
});
export type FeedPage = z.infer<typeof FeedPage>;

/** A comment, or a reply to one (one level: replies have `parentId`). */
export const Comment = z.object({
  id: Id,
  postId: Id,
  /** The top-level comment this replies to; null for a top-level comment. */
  parentId: z.nullable(Id),
  author: UserRef,
  body: RichText,
  images: z.array(PostImage).check(z.maxLength(POST_LIMITS.imagesMax)),
  createdAt: Timestamp,
  editedAt: z.nullable(Timestamp),
  canEdit: z.boolean(),
  /** The author, or a moderator of the post. */
  canDelete: z.boolean(),
});
export type Comment = z.infer<typeof Comment>;

/** A top-level comment with all its replies, oldest first. */
export const CommentThread = z.extend(Comment, { replies: z.array(Comment) });
export type CommentThread = z.infer<typeof CommentThread>;

/** `GET /v1/posts/{id}/comments`: the newest top-level comments, shown oldest first. */
export const CommentPage = z.object({
  items: z.array(CommentThread),
  /** Pass as `before` for older comments ("show more"); null when there are none. */
  nextCursor: z.nullable(z.string()),
  /** Comments and replies on the post in all. */
  total: z.int().check(z.minimum(0)),
});
export type CommentPage = z.infer<typeof CommentPage>;

const Body = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Write something'),
    visibleText(),
    z.maxLength(POST_LIMITS.bodyMax, `At most ${POST_LIMITS.bodyMax} characters`),
  );

/** An image to attach: a file the author uploaded, with its description. */
export const ImageAttachment = z.object({
  fileId: Id,
  alt: z._default(z.string().check(z.trim(), visibleText(), z.maxLength(POST_LIMITS.altMax)), ''),
});
export type ImageAttachment = z.input<typeof ImageAttachment>;

const Images = z.array(ImageAttachment).check(z.maxLength(POST_LIMITS.imagesMax));

/** Announcement settings in a request; only managers of the audience may send them. */
export const AnnouncementInput = z.object({
  pinned: z._default(z.boolean(), false),
  urgent: z._default(z.boolean(), false),
  expiresAt: z._default(z.nullable(Timestamp), null),
  ackRequired: z._default(z.boolean(), false),
});
export type AnnouncementInput = z.input<typeof AnnouncementInput>;

/** `POST /v1/posts`. Topics and mentions are read from the body. */
export const CreatePostRequest = z.object({
  /** Markdown subset (see `RichText`); at most 5,000 characters, not blank. */
  body: Body,
  /** Post in this group (members only); company-wide when absent or null. */
  groupId: z.optional(z.nullable(Id)),
  images: z.optional(Images),
  /** Attach a poll the author can see, company-wide or of the same group. */
  pollId: z.optional(z.nullable(Id)),
  /** Company managers (company-wide posts) or the group's managers only; 403 otherwise. */
  announcement: z.optional(z.nullable(AnnouncementInput)),
});
export type CreatePostRequest = z.input<typeof CreatePostRequest>;

/** `PATCH /v1/posts/{id}` (the author): only the fields sent change. */
export const EditPostRequest = z.object({
  body: z.optional(Body),
  images: z.optional(Images),
  pollId: z.optional(z.nullable(Id)),
  /** Same rule as on creation; null turns the announcement into an ordinary post. */
  announcement: z.optional(z.nullable(AnnouncementInput)),
});
export type EditPostRequest = z.input<typeof EditPostRequest>;

/** `POST /v1/posts/{id}/comments`. */
export const CreateCommentRequest = z.object({
  body: Body,
  /** Reply to this comment. A reply to a reply joins the thread of its top-level comment. */
  parentId: z.optional(z.nullable(Id)),
  images: z.optional(Images),
});
export type CreateCommentRequest = z.input<typeof CreateCommentRequest>;

/** `PATCH /v1/comments/{id}` (the author). */
export const EditCommentRequest = z.object({
  body: z.optional(Body),
  images: z.optional(Images),
});
export type EditCommentRequest = z.input<typeof EditCommentRequest>;

/** Why a post is reported. */
export const ReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof ReportReason>;

/** `POST /v1/posts/{id}/reports`: once per person and post. */
export const ReportRequest = z.object({
  reason: ReportReason,
  note: z.optional(z.string().check(z.trim(), visibleText(), z.maxLength(POST_LIMITS.reportNoteMax))),
});
export type ReportRequest = z.input<typeof ReportRequest>;

/** A report as its author sees it (the response to reporting). */
export const Report = z.object({
  postId: Id,
  reason: ReportReason,
  /** Empty when none was given. */
  note: z.string(),
  createdAt: Timestamp,
});
export type Report = z.infer<typeof Report>;

/** One report as moderators see it. */
export const ModerationReport = z.object({
  reason: ReportReason,
  note: z.string(),
  reporter: UserRef,
  createdAt: Timestamp,
});
export type ModerationReport = z.infer<typeof ModerationReport>;

/** A reported post with its reports, for those who moderate it. */
export const ReportedPost = z.object({
  post: Post,
  reports: z.array(ModerationReport),
  /** When it was last reported. */
  lastReportedAt: Timestamp,
});
export type ReportedPost = z.infer<typeof ReportedPost>;

/** `GET /v1/moderation/reports`: most recently reported first. */
export const ModerationQueue = itemsOf(ReportedPost);
export type ModerationQueue = z.infer<typeof ModerationQueue>;

/** The response to a delete: the id of what is gone. */
export const Deleted = z.object({ id: Id });
export type Deleted = z.infer<typeof Deleted>;
