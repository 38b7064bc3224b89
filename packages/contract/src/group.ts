import * as z from 'zod/mini';
import { RichText } from './rich-text.ts';
import { Id, Timestamp, itemsOf } from './common.ts';
import { UserRef } from './user.ts';
import { GROUP_LIMITS } from './limits.ts';

/** Who can see the group's members and content: everyone (`public`) or its members only (`private`). */
export const GroupVisibility = z.enum(['public', 'private']);
export type GroupVisibility = z.infer<typeof GroupVisibility>;

/** How people get in: join at once (`open`), ask an admin (`request`), or be added by one (`invite`). */
export const JoinPolicy = z.enum(['open', 'request', 'invite']);
export type JoinPolicy = z.infer<typeof JoinPolicy>;

/** The viewer's standing in the group; signed-out viewers are `none`. */
export const Membership = z.enum(['admin', 'member', 'pending', 'none']);
export type Membership = z.infer<typeof Membership>;

/** Why `canLeave` is false for a member: the group's only admin must hand over first. */
export const LeaveBlockedReason = z.enum(['last-admin']);
export type LeaveBlockedReason = z.infer<typeof LeaveBlockedReason>;

/** Someone active in a group this month, with what they did there. */
export const GroupContributor = z.object({
  user: UserRef,
  /** Posts in the group this month (hidden ones do not count). */
  posts: z.int().check(z.minimum(0)),
  /** Answers to the group's questions this month. */
  answers: z.int().check(z.minimum(0)),
  /** Of those answers, how many the asker or an expert accepted. */
  acceptedAnswers: z.int().check(z.minimum(0)),
});
export type GroupContributor = z.infer<typeof GroupContributor>;

/**
 * A group (community) as the viewer sees it.
 *
 * A private group is still shown to people outside it — signed out too — in a reduced form, because a
 * group card placed on a page must be able to say what the group is and how to get in: name, description,
 * cover, visibility, join policy, locale and the member **count** are given; `members` and `admins` are
 * `null` and none of the group's content (posts, polls, requests) is reachable. Only members see people.
 */
export const Group = z.object({
  /** Stable id, e.g. `grp-solar-service` (the `group-id` attribute of `<plaza-group-card>`). */
  id: Id,
  /** Display name. */
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  /** What the group is about: Markdown-subset source (may be empty) and its node tree, like a post's body. */
  description: RichText,
  /** Cover image URL, or `null` for none. */
  coverUrl: z.nullable(z.string()),
  /** Text alternative of the cover image; `null` when there is no cover (or it is decorative). */
  coverAlt: z.nullable(z.string()),
  /** `public`: everyone sees people and content; `private`: members only (others get this reduced card). */
  visibility: GroupVisibility,
  /** How people get in; decides `canJoin` and `canRequest`. */
  joinPolicy: JoinPolicy,
  /** BCP 47 language of the group's name and description (`de`, `en`), or `null` when unknown. */
  locale: z.nullable(z.string()),
  /** Number of members, admins included. Shown to everyone, also outsiders of a private group. */
  memberCount: z.int().check(z.minimum(0)),
  /**
   * A facepile of up to 5 members, most recently joined first; `null` when the viewer may not see the
   * group's people (outsiders of a private group).
   */
  members: z.nullable(z.array(UserRef).check(z.maxLength(GROUP_LIMITS.facepileMax))),
  /** Every admin, longest-serving first; `null` for outsiders of a private group. */
  admins: z.nullable(z.array(UserRef)),
  /** Whether the viewer sees the group's people and content (false: the reduced form described above). */
  contentVisible: z.boolean(),
  /** The viewer's standing: `admin`, `member`, `pending` (asked to join) or `none` (also when signed out). */
  membership: Membership,
  /** Requests waiting for approval: a number for those who can manage the group, otherwise `null`. */
  pendingRequestCount: z.nullable(z.int().check(z.minimum(0))),
  /** The viewer may join at once (`POST /v1/groups/{id}/join`): signed in, not a member, policy `open`. */
  canJoin: z.boolean(),
  /** The viewer may ask to join (`POST /v1/groups/{id}/requests`): signed in, `none`, policy `request`. */
  canRequest: z.boolean(),
  /** The viewer has a pending request and may withdraw it (`DELETE /v1/groups/{id}/requests/mine`). */
  canCancelRequest: z.boolean(),
  /** The viewer is a member and may leave; false for the group's last admin (see `leaveBlockedReason`). */
  canLeave: z.boolean(),
  /** Why a member may not leave, or `null`. */
  leaveBlockedReason: z.nullable(LeaveBlockedReason),
  /** The viewer may see and decide join requests: a group admin, or a company manager who is a member. */
  canManage: z.boolean(),
  /**
   * Up to 3 most active people this calendar month (UTC) — the same ranking as
   * `GET /v1/groups/:id/contributors` — so a card needs no second request; `null` for outsiders of a
   * private group.
   */
  topContributors: z.nullable(z.array(GroupContributor).check(z.maxLength(3))),
});
export type Group = z.infer<typeof Group>;

/** `GET /v1/groups?ids=`: the groups in the order asked for; unknown ids are left out. */
export const GroupList = itemsOf(Group);
export type GroupList = z.infer<typeof GroupList>;

/** A pending request to join a group, as its managers see it. */
export const GroupRequest = z.object({
  /** Who asked. */
  user: UserRef,
  /** When they asked. */
  requestedAt: Timestamp,
});
export type GroupRequest = z.infer<typeof GroupRequest>;

/** `GET /v1/groups/{id}/requests`: the pending requests, oldest first. */
export const GroupRequestList = itemsOf(GroupRequest);
export type GroupRequestList = z.infer<typeof GroupRequestList>;

/**
 * `GET /v1/groups/:id/contributors`: the (up to 3) most active people of the current calendar month (UTC),
 * ranked by posts + answers + 2 × accepted answers, then by name. Outsiders of a private group get 404.
 */
export const GroupContributors = z.object({
  /** Start of the month counted, ISO 8601. */
  since: z.iso.datetime({ offset: true }),
  items: z.array(GroupContributor).check(z.maxLength(3)),
});
export type GroupContributors = z.infer<typeof GroupContributors>;
