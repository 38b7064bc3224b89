import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { CreatePollRequest, VoteRequest, sameTextKey, type Poll } from '@plaza/contract';
import { requireViewer } from '../auth/viewer.ts';
import { readBody } from '../http/body.ts';
import { parseIds } from '../http/query.ts';
import type { AppEnv, AppSettings } from '../http/env.ts';
import { ApiError, notFound, validationFailed, type FieldErrors } from '../http/errors.ts';
import { groupAccess } from '../groups/access.ts';
import { recordEvent } from '../realtime/outbox.ts';
import { loadPoll, loadPolls } from './load.ts';
import { deleteBallot, insertPoll, lockPoll, markClosed, saveBallot, type PollForWrite } from './store.ts';
import { isClosed } from './view.ts';

/** `/v1/polls`: batch read, read, create, vote, retract, close. */
export function pollRoutes(settings: AppSettings): Hono<AppEnv> {
  /** The poll as the viewer sees it now, after a write in this request's transaction. */
  const respondWithPoll = async (c: Context<AppEnv>, id: string, now: Date, status: 200 | 201 = 200) => {
    const poll = await loadPoll(c.get('db'), id, { viewer: c.get('viewer'), now, minGroupSize: settings.minGroupSize });
    if (!poll) throw notFound('No poll has this id');
    return c.json(poll, status);
  };

  /** The poll to write to, locked, or 404. */
  const pollForWrite = async (c: Context<AppEnv>, id: string, mode: 'share' | 'update'): Promise<PollForWrite> => {
    const poll = await lockPoll(c.get('db'), id, mode);
    // A poll of a private group the viewer is not in does not exist for them.
    if (!poll || !(await groupAccess(c.get('db'), c.get('viewer'), poll.groupId)).canSee) {
      throw notFound('No poll has this id');
    }
    return poll;
  };

  /** Tells every page showing the poll (and allowed to) that it changed; delivered on commit. */
  const announce = (c: Context<AppEnv>, id: string, poll: PollForWrite, at: Date) =>
    recordEvent(c.get('db'), { type: 'poll.updated', entityId: id, groupId: poll.groupId, at });

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const ids = parseIds(c.req.query('ids'), 'poll');
      const items: Poll[] = await loadPolls(c.get('db'), ids, {
        viewer: c.get('viewer'),
        now: settings.now(),
        minGroupSize: settings.minGroupSize,
      });
      return c.json({ items });
    })

    .post('/', async (c) => {
      const viewer = requireViewer(c);
      const input = await readBody(c, CreatePollRequest);
      const now = settings.now();
      const closesAt = input.closesAt ? new Date(input.closesAt) : null;
      const problems = pollRuleViolations(input, closesAt, now);
      if (problems) throw validationFailed('The poll is not valid', problems);
      const groupId = input.groupId ?? null;
      if (groupId !== null) {
        const access = await groupAccess(c.get('db'), viewer, groupId);
        if (!access.canSee) throw notFound('No group has this id');
        if (access.role === null) throw new ApiError(403, 'forbidden', 'Only members can post polls in this group');
      }
      const id = `poll-${randomUUID()}`;
      await insertPoll(c.get('db'), {
        id,
        question: input.question,
        options: input.options.map((label, index) => ({ id: `${id}-${index + 1}`, label })),
        multiple: input.multiple,
        maxChoices: input.multiple ? (input.maxChoices ?? input.options.length) : 1,
        resultsVisibility: input.resultsVisibility,
        anonymous: input.anonymous,
        closesAt,
        createdBy: viewer.id,
        createdAt: now,
        groupId,
      });
      c.header('Location', `/v1/polls/${id}`);
      return respondWithPoll(c, id, now, 201);
    })

    .get('/:id', (c) => respondWithPoll(c, c.req.param('id'), settings.now()))

    .put('/:id/vote', async (c) => {
      const id = c.req.param('id');
      const viewer = requireViewer(c);
      const { optionIds } = await readBody(c, VoteRequest);
      const now = settings.now();
      const poll = await pollForWrite(c, id, 'share');
      if (isClosed(poll, now)) throw new ApiError(409, 'poll_closed', 'This poll is closed');
      const unknown = optionIds.filter((optionId) => !poll.optionIds.includes(optionId));
      if (unknown.length > 0) {
        throw new ApiError(400, 'invalid_option', 'Not an option of this poll', {
          optionIds: unknown.map((optionId) => `Not an option of this poll: ${optionId}`),
        });
      }
      // Before the count: ["a", "a"] in a single-choice poll is one option twice, not two choices.
      if (new Set(optionIds).size !== optionIds.length) {
        throw validationFailed('An option was chosen twice', { optionIds: ['Choose each option once'] });
      }
      const maxChoices = poll.multiple ? poll.maxChoices : 1;
      if (optionIds.length > maxChoices) {
        throw new ApiError(400, 'too_many_choices', `Choose at most ${maxChoices}`, {
          optionIds: [`Choose at most ${maxChoices}`],
        });
      }
      // Stored in display order, so `myVote` does not depend on click order.
      const ballot = poll.optionIds.filter((optionId) => optionIds.includes(optionId));
      await saveBallot(c.get('db'), id, viewer.id, ballot, now);
      await announce(c, id, poll, now);
      return respondWithPoll(c, id, now);
    })

    .delete('/:id/vote', async (c) => {
      const id = c.req.param('id');
      const viewer = requireViewer(c);
      const now = settings.now();
      const poll = await pollForWrite(c, id, 'share');
      if (isClosed(poll, now)) throw new ApiError(409, 'poll_closed', 'This poll is closed');
      await deleteBallot(c.get('db'), id, viewer.id);
      await announce(c, id, poll, now);
      return respondWithPoll(c, id, now);
    })

    .post('/:id/close', async (c) => {
      const id = c.req.param('id');
      const viewer = requireViewer(c);
      const now = settings.now();
      const poll = await pollForWrite(c, id, 'update');
      if (poll.createdBy !== viewer.id && viewer.role !== 'manager') {
        throw new ApiError(403, 'forbidden', 'Only the poll’s creator or a manager can close it');
      }
      // Closing a closed poll changes nothing, so a retry without an Idempotency-Key still succeeds.
      if (!isClosed(poll, now)) {
        await markClosed(c.get('db'), id, now);
        await announce(c, id, poll, now);
      }
      return respondWithPoll(c, id, now);
    });
}

/** Rules the schema cannot express alone; `null` when the poll is fine. */
function pollRuleViolations(
  input: { options: string[]; multiple: boolean; maxChoices?: number | undefined },
  closesAt: Date | null,
  now: Date,
): FieldErrors | null {
  const problems: FieldErrors = {};
  if (input.maxChoices !== undefined && !input.multiple) {
    problems.maxChoices = ['Only multiple-choice polls take maxChoices'];
  } else if (input.maxChoices !== undefined && input.maxChoices > input.options.length) {
    problems.maxChoices = [`At most the number of options (${input.options.length})`];
  }
  const seen = new Map<string, number>();
  input.options.forEach((label, index) => {
    const key = sameTextKey(label);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else problems[`options.${index}`] = [`Same as option ${first + 1}`];
  });
  if (closesAt && closesAt.getTime() <= now.getTime()) problems.closesAt = ['Must be in the future'];
  return Object.keys(problems).length > 0 ? problems : null;
}
