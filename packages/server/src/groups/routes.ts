import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { Id, type GroupContributors, type GroupRequestList, type JoinPolicy, type User } from '@plaza/contract';
import { requireViewer } from '../auth/viewer.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { ApiError, notFound, validationFailed } from '../http/errors.ts';
import { parseIds } from '../http/query.ts';
import { recordEvent } from '../realtime/outbox.ts';
import { findUser } from '../users/store.ts';
import { groupAccess } from './access.ts';
import { startOfMonth, topContributors } from './contributors.ts';
import {
  addMember,
  addRequest,
  countAdmins,
  deleteRequest,
  findRequests,
  lockGroup,
  removeMember,
  standingOf,
  type LockedGroup,
} from './store.ts';
import { loadGroup, loadGroups } from './view.ts';

const NO_GROUP = 'No group has this id';

/**
 * `/v1/groups`: read, batch read, join, request to join, withdraw a request, leave, and (for managers) list,
 * approve and deny requests. Every membership change answers with the group as the viewer now sees it, and
 * is idempotent where its goal may already be reached (joining as a member, leaving as a non-member).
 */
export function groupRoutes(settings: AppSettings): Hono<AppEnv> {
  /** The group as the viewer sees it now, after a write in this request's transaction. */
  const respondWithGroup = async (c: Context<AppEnv>, id: string) => {
    const group = await loadGroup(c.get('db'), id, c.get('viewer'), settings.now());
    if (!group) throw notFound(NO_GROUP);
    return c.json(group);
  };

  /** The group to change memberships of, locked for this transaction, or 404. */
  const groupForChange = async (c: Context<AppEnv>, id: string): Promise<LockedGroup> => {
    const group = await lockGroup(c.get('db'), id);
    if (!group) throw notFound(NO_GROUP);
    return group;
  };

  /**
   * A manager's change: the group locked, or 404 when the viewer may not see inside it (a private group's
   * requests are its content), 403 when they see it but may not manage it.
   */
  const groupToManage = async (c: Context<AppEnv>, viewer: User, id: string): Promise<LockedGroup> => {
    const group = await groupForChange(c, id);
    const access = await groupAccess(c.get('db'), viewer, id);
    if (!access.canSee) throw notFound(NO_GROUP);
    if (!access.canManage) throw new ApiError(403, 'forbidden', 'Only the group’s admins can decide join requests');
    return group;
  };

  /**
   * Tells the group's audience that counts or requests changed, and the affected person that their own
   * standing did. The personal event carries no group, so it reaches them even when they are (now) outside
   * a private group. Recorded in the transaction: delivered on commit only.
   */
  const announce = async (c: Context<AppEnv>, groupId: string, affectedUserId: string) => {
    const at = settings.now();
    await recordEvent(c.get('db'), { type: 'group.updated', entityId: groupId, groupId, at });
    await recordEvent(c.get('db'), {
      type: 'membership.updated',
      entityId: groupId,
      groupId: null,
      userId: affectedUserId,
      at,
    });
  };

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const ids = parseIds(c.req.query('ids'), 'group');
      return c.json({ items: await loadGroups(c.get('db'), ids, c.get('viewer'), settings.now()) });
    })

    .get('/:id', (c) => respondWithGroup(c, c.req.param('id')))

    .get('/:id/contributors', async (c) => {
      const id = c.req.param('id');
      const access = await groupAccess(c.get('db'), c.get('viewer'), id);
      if (!access.canSee) throw notFound(NO_GROUP);
      const now = settings.now();
      const since = startOfMonth(now);
      const items = await topContributors(c.get('db'), id, since, now);
      return c.json({ since: since.toISOString(), items } satisfies GroupContributors);
    })

    .post('/:id/join', async (c) => {
      const id = c.req.param('id');
      const viewer = requireViewer(c);
      const group = await groupForChange(c, id);
      const standing = await standingOf(c.get('db'), id, viewer.id);
      // Already in: the goal is reached, whatever the policy says now.
      if (standing.role !== null) return respondWithGroup(c, id);
      if (group.joinPolicy !== 'open') {
        throw new ApiError(409, 'group_not_open', notOpenMessage(group.joinPolicy));
      }
      if (await addMember(c.get('db'), id, viewer.id, settings.now())) await announce(c, id, viewer.id);
      return respondWithGroup(c, id);
    })

    .post('/:id/requests', async (c) => {
      const id = c.req.param('id');
      const viewer = requireViewer(c);
      const group = await groupForChange(c, id);
      const standing = await standingOf(c.get('db'), id, viewer.id);
      // A member, or someone who already asked, has what a request would give: nothing changes.
      if (standing.role !== null || standing.pending) return respondWithGroup(c, id);
      if (group.joinPolicy !== 'request') {
        throw new ApiError(
          409,
          'group_not_by_request',
          group.joinPolicy === 'open'
            ? 'This group is open: join it directly'
            : 'This group is by invitation only: an admin has to add you',
        );
      }
      if (await addRequest(c.get('db'), id, viewer.id, settings.now())) await announce(c, id, viewer.id);
      return respondWithGroup(c, id);
    })

    .delete('/:id/requests/mine', async (c) => {
      const id = c.req.param('id');
      const viewer = requireViewer(c);
      await groupForChange(c, id);
      if (await deleteRequest(c.get('db'), id, viewer.id)) await announce(c, id, viewer.id);
      return respondWithGroup(c, id);
    })

    .post('/:id/leave', async (c) => {
      const id = c.req.param('id');
      const viewer = requireViewer(c);
      await groupForChange(c, id);
      const standing = await standingOf(c.get('db'), id, viewer.id);
      if (standing.role === null) return respondWithGroup(c, id);
      // Counted under the group lock: of two admins leaving at once, the second sees the first gone.
      if (standing.role === 'admin' && (await countAdmins(c.get('db'), id)) <= 1) {
        throw new ApiError(409, 'last_admin', 'You are this group’s only admin: make someone else an admin first');
      }
      if (await removeMember(c.get('db'), id, viewer.id)) await announce(c, id, viewer.id);
      return respondWithGroup(c, id);
    })

    .get('/:id/requests', async (c) => {
      const id = c.req.param('id');
      const viewer = requireViewer(c);
      const access = await groupAccess(c.get('db'), viewer, id);
      if (!access.canSee) throw notFound(NO_GROUP);
      if (!access.canManage) throw new ApiError(403, 'forbidden', 'Only the group’s admins can see join requests');
      const requests = await findRequests(c.get('db'), id);
      const body: GroupRequestList = {
        items: requests.map(({ user, requestedAt }) => ({ user, requestedAt: requestedAt.toISOString() })),
      };
      return c.json(body);
    })

    .post('/:id/requests/:userId/approve', async (c) => {
      const id = c.req.param('id');
      const viewer = requireViewer(c);
      await groupToManage(c, viewer, id);
      const userId = await requesterId(c);
      const standing = await standingOf(c.get('db'), id, userId);
      // Approved by another admin a moment ago: the goal is reached.
      if (standing.role !== null) return respondWithGroup(c, id);
      if (!standing.pending) {
        throw new ApiError(409, 'no_pending_request', 'This request was withdrawn or denied meanwhile');
      }
      if (await addMember(c.get('db'), id, userId, settings.now())) await announce(c, id, userId);
      return respondWithGroup(c, id);
    })

    .post('/:id/requests/:userId/deny', async (c) => {
      const id = c.req.param('id');
      const viewer = requireViewer(c);
      await groupToManage(c, viewer, id);
      const userId = await requesterId(c);
      const standing = await standingOf(c.get('db'), id, userId);
      if (standing.role !== null) {
        throw new ApiError(409, 'already_member', 'This request was approved meanwhile: the person is a member');
      }
      // Withdrawn or denied already: the goal is reached, nothing changes.
      if (await deleteRequest(c.get('db'), id, userId)) await announce(c, id, userId);
      return respondWithGroup(c, id);
    });
}

/** The `:userId` of a request route: a well-formed id of an existing person, else 400 / 404. */
async function requesterId(c: Context<AppEnv>): Promise<string> {
  const userId = c.req.param('userId') ?? '';
  if (!z.safeParse(Id, userId).success) {
    throw validationFailed('Not a person’s id', { userId: ['Must be 1 to 100 characters'] });
  }
  if (!(await findUser(c.get('db'), userId))) throw notFound('No person has this id');
  return userId;
}

function notOpenMessage(policy: JoinPolicy): string {
  return policy === 'request'
    ? 'This group takes requests to join: ask to join instead'
    : 'This group is by invitation only: an admin has to add you';
}
