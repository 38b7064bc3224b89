import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { GroupList, GroupRequestList, type Group } from '@plaza/contract';
import { SEED_PEOPLE, seedGroupPeople } from '../src/groups/seed.ts';
import { createGroup, eventsOf, readGroup, rowsOf, type GroupSpec } from './group-fixtures.ts';
import { backend, createUsers, readError, seededApi } from './helpers.ts';

type Api = Awaited<ReturnType<typeof seededApi>>;

describe(`groups (${backend})`, () => {
  let api: Api;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const group = (spec: GroupSpec) => createGroup(api.db, spec);
  const view = async (id: string, as?: string) => readGroup(await api.get(`/v1/groups/${id}`, as ? { as } : {}));
  const post = (path: string, as?: string) => api.request('POST', path, as ? { as } : {});
  const del = (path: string, as?: string) => api.request('DELETE', path, as ? { as } : {});

  /** Asserts a 4xx with this code and returns nothing else. */
  async function assertError(response: Response, status: number, code: string, context = '') {
    assert.equal(response.status, status, `${context} ${response.status}`);
    assert.equal((await readError(response)).code, code, context);
  }

  describe('reading', () => {
    it('shows a public group in full to everyone, signed out too, with counts, facepile and admins', async () => {
      const signedOut = await view('grp-solar-service');
      assert.equal(signedOut.name, 'Solar-Service Techniker');
      assert.equal(signedOut.visibility, 'public');
      assert.equal(signedOut.joinPolicy, 'open');
      assert.equal(signedOut.locale, 'de');
      assert.equal(signedOut.contentVisible, true);
      assert.deepEqual(
        signedOut.admins?.map((person) => person.id),
        ['u-jonas'],
      );
      assert.ok(signedOut.members!.length > 0 && signedOut.members!.length <= 5);
      assert.ok(signedOut.memberCount >= signedOut.members!.length);
      assert.equal(signedOut.membership, 'none');
      assert.equal(signedOut.pendingRequestCount, null);
      for (const flag of ['canJoin', 'canRequest', 'canCancelRequest', 'canLeave', 'canManage'] as const) {
        assert.equal(signedOut[flag], false, `${flag} is false when signed out`);
      }
    });

    it('shows a private group to outsiders only in its reduced form: the count, never people', async () => {
      const members = await view('grp-emergency-vets', 'u-priya');
      assert.ok(members.members && members.members.length > 0);
      for (const as of ['u-jonas', 'u-alex', 'u-sam', undefined]) {
        const response = await api.get('/v1/groups/grp-emergency-vets', as ? { as } : {});
        const text = await response.clone().text();
        const seen = await readGroup(response);
        const context = `viewer ${as ?? 'signed out'}`;
        assert.equal(seen.name, 'Emergency Vets — Community of Practice', context);
        assert.match(seen.description.source, /triage protocols/, context);
        assert.equal(seen.visibility, 'private', context);
        assert.equal(seen.joinPolicy, 'request', context);
        assert.equal(seen.memberCount, members.memberCount, context);
        assert.equal(seen.members, null, context);
        assert.equal(seen.admins, null, context);
        assert.equal(seen.contentVisible, false, context);
        assert.equal(seen.pendingRequestCount, null, context);
        for (const person of [...members.members!, ...members.admins!]) {
          assert.ok(!text.includes(person.name) && !text.includes(person.id), `${context}: ${person.name} not shown`);
        }
      }
    });

    it('shows up to five members, most recently joined first, and every admin, longest-serving first', async () => {
      const people = await createUsers(api.db, 8, 'u-facepile');
      const id = await group({
        visibility: 'public',
        joinPolicy: 'open',
        admins: [people[0]!, people[1]!],
        members: people.slice(2),
      });
      const seen = await view(id);
      assert.equal(seen.memberCount, 8);
      assert.deepEqual(
        seen.members?.map((person) => person.id),
        [people[7], people[6], people[5], people[4], people[3]],
      );
      assert.deepEqual(
        seen.admins?.map((person) => person.id),
        [people[0], people[1]],
      );
    });

    it('gives the pending request count only to those who can manage the group', async () => {
      const id = await group({
        visibility: 'public',
        joinPolicy: 'request',
        admins: ['u-lena'],
        members: ['u-priya', 'u-alex'],
        requests: ['u-sam', 'u-jonas'],
      });
      assert.equal((await view(id, 'u-lena')).pendingRequestCount, 2, 'admin');
      assert.equal((await view(id, 'u-alex')).pendingRequestCount, 2, 'company manager who is a member');
      assert.equal((await view(id, 'u-priya')).pendingRequestCount, null, 'member');
      assert.equal((await view(id, 'u-sam')).pendingRequestCount, null, 'requester');
      assert.equal((await view(id)).pendingRequestCount, null, 'signed out');
      const other = await group({
        visibility: 'public',
        joinPolicy: 'request',
        admins: ['u-lena'],
        requests: ['u-sam'],
      });
      const manager = await view(other, 'u-alex');
      assert.equal(manager.pendingRequestCount, null, 'company manager outside the group');
      assert.equal(manager.canManage, false);
    });

    it('answers 404 for an unknown group', async () => {
      await assertError(await api.get('/v1/groups/grp-nope'), 404, 'not_found');
      await assertError(await api.get('/v1/groups/grp-nope', { as: 'u-sam' }), 404, 'not_found');
    });

    it('batch-reads groups in the order asked, leaving unknown ids out and private ones reduced', async () => {
      const read = async (query: string, as?: string) => {
        const response = await api.get(`/v1/groups?ids=${query}`, as ? { as } : {});
        assert.equal(response.status, 200);
        return z.parse(GroupList, await response.json()).items;
      };
      const items = await read('grp-it-help,grp-nope,grp-emergency-vets,grp-solar-service,grp-it-help', 'u-jonas');
      assert.deepEqual(
        items.map((item) => item.id),
        ['grp-it-help', 'grp-emergency-vets', 'grp-solar-service'],
      );
      assert.equal(items[1]!.members, null);
      assert.equal(items[1]!.contentVisible, false);
      assert.ok(items[0]!.members);
      const asMember = await read('grp-emergency-vets', 'u-lena');
      assert.ok(asMember[0]!.members);
      assert.equal(asMember[0]!.membership, 'admin');
      assert.deepEqual(await read('grp-nope'), []);
    });

    it('refuses a batch read without ids or with more than 100', async () => {
      for (const query of [
        '',
        '?ids=',
        '?ids=,,',
        `?ids=${Array.from({ length: 101 }, (_, i) => `g${i}`).join(',')}`,
      ]) {
        const response = await api.get(`/v1/groups${query}`);
        await assertError(response, 400, 'validation_failed', query.slice(0, 20));
      }
      const hundred = await api.get(`/v1/groups?ids=${Array.from({ length: 100 }, (_, i) => `g${i}`).join(',')}`);
      assert.equal(hundred.status, 200);
    });
  });

  describe('capabilities by standing', () => {
    type Flags = Pick<
      Group,
      'membership' | 'canJoin' | 'canRequest' | 'canCancelRequest' | 'canLeave' | 'leaveBlockedReason' | 'canManage'
    >;
    const none = { canJoin: false, canRequest: false, canCancelRequest: false, canLeave: false, canManage: false };
    const cases: { name: string; spec: GroupSpec; as?: string; expected: Flags }[] = [
      {
        name: 'signed out, open group',
        spec: { visibility: 'public', joinPolicy: 'open', admins: ['u-lena'] },
        expected: { membership: 'none', ...none, leaveBlockedReason: null },
      },
      {
        name: 'outsider, open group',
        spec: { visibility: 'public', joinPolicy: 'open', admins: ['u-lena'] },
        as: 'u-sam',
        expected: { membership: 'none', ...none, canJoin: true, leaveBlockedReason: null },
      },
      {
        name: 'outsider, request group',
        spec: { visibility: 'private', joinPolicy: 'request', admins: ['u-lena'] },
        as: 'u-sam',
        expected: { membership: 'none', ...none, canRequest: true, leaveBlockedReason: null },
      },
      {
        name: 'outsider, invite-only group',
        spec: { visibility: 'private', joinPolicy: 'invite', admins: ['u-lena'] },
        as: 'u-sam',
        expected: { membership: 'none', ...none, leaveBlockedReason: null },
      },
      {
        name: 'pending requester',
        spec: { visibility: 'private', joinPolicy: 'request', admins: ['u-lena'], requests: ['u-sam'] },
        as: 'u-sam',
        expected: { membership: 'pending', ...none, canCancelRequest: true, leaveBlockedReason: null },
      },
      {
        name: 'member',
        spec: { visibility: 'private', joinPolicy: 'request', admins: ['u-lena'], members: ['u-sam'] },
        as: 'u-sam',
        expected: { membership: 'member', ...none, canLeave: true, leaveBlockedReason: null },
      },
      {
        name: 'company manager who is a member',
        spec: { visibility: 'public', joinPolicy: 'open', admins: ['u-lena'], members: ['u-alex'] },
        as: 'u-alex',
        expected: { membership: 'member', ...none, canLeave: true, canManage: true, leaveBlockedReason: null },
      },
      {
        name: 'admin beside another admin',
        spec: { visibility: 'public', joinPolicy: 'open', admins: ['u-lena', 'u-jonas'] },
        as: 'u-lena',
        expected: { membership: 'admin', ...none, canLeave: true, canManage: true, leaveBlockedReason: null },
      },
      {
        name: 'last admin',
        spec: { visibility: 'public', joinPolicy: 'open', admins: ['u-lena'], members: ['u-sam'] },
        as: 'u-lena',
        expected: { membership: 'admin', ...none, canManage: true, leaveBlockedReason: 'last-admin' },
      },
    ];
    for (const { name, spec, as, expected } of cases) {
      it(name, async () => {
        const seen = await view(await group(spec), as);
        const flags: Flags = {
          membership: seen.membership,
          canJoin: seen.canJoin,
          canRequest: seen.canRequest,
          canCancelRequest: seen.canCancelRequest,
          canLeave: seen.canLeave,
          leaveBlockedReason: seen.leaveBlockedReason,
          canManage: seen.canManage,
        };
        assert.deepEqual(flags, expected);
      });
    }
  });

  describe('join', () => {
    it('makes an outsider of an open group a member, with events for the group and for them', async () => {
      const id = await group({ visibility: 'public', joinPolicy: 'open', admins: ['u-lena'] });
      const response = await post(`/v1/groups/${id}/join`, 'u-sam');
      assert.equal(response.status, 200);
      const joined = await readGroup(response);
      assert.equal(joined.membership, 'member');
      assert.equal(joined.memberCount, 2);
      assert.equal(joined.members![0]!.id, 'u-sam');
      assert.equal(joined.canLeave, true);
      assert.deepEqual(await eventsOf(api.db, id), [
        { type: 'group.updated', groupId: id, userId: null },
        { type: 'membership.updated', groupId: null, userId: 'u-sam' },
      ]);
    });

    it('is idempotent for a member (also of an invite-only group): 200, nothing written', async () => {
      const id = await group({ visibility: 'private', joinPolicy: 'invite', admins: ['u-lena'], members: ['u-sam'] });
      const response = await post(`/v1/groups/${id}/join`, 'u-sam');
      assert.equal(response.status, 200);
      assert.equal((await readGroup(response)).membership, 'member');
      assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 1, requests: 0 });
      assert.deepEqual(await eventsOf(api.db, id), []);
    });

    it('turns a pending request into membership when the group has become open', async () => {
      const id = await group({ visibility: 'public', joinPolicy: 'open', admins: ['u-lena'], requests: ['u-sam'] });
      assert.equal((await readGroup(await post(`/v1/groups/${id}/join`, 'u-sam'))).membership, 'member');
      assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 1, requests: 0 });
    });

    it('refuses groups that are not open with 409 group_not_open, and changes nothing', async () => {
      for (const joinPolicy of ['request', 'invite'] as const) {
        for (const visibility of ['public', 'private'] as const) {
          const id = await group({ visibility, joinPolicy, admins: ['u-lena'] });
          await assertError(await post(`/v1/groups/${id}/join`, 'u-sam'), 409, 'group_not_open', joinPolicy);
          assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 0, requests: 0 });
          assert.deepEqual(await eventsOf(api.db, id), []);
        }
      }
    });

    it('needs sign-in (401), a known group (404) and the CSRF header with cookies (403)', async () => {
      await assertError(await post('/v1/groups/grp-solar-service/join'), 401, 'unauthenticated');
      await assertError(await post('/v1/groups/grp-nope/join', 'u-sam'), 404, 'not_found');
      const noCsrf = await api.request('POST', '/v1/groups/grp-solar-service/join', { as: 'u-sam', csrf: false });
      await assertError(noCsrf, 403, 'csrf_failed');
      assert.deepEqual(await rowsOf(api.db, 'grp-solar-service', 'u-sam'), { members: 0, requests: 0 });
    });

    it('replays the first response to a retry with the same Idempotency-Key', async () => {
      const id = await group({ visibility: 'public', joinPolicy: 'open', admins: ['u-lena'] });
      const first = await api.request('POST', `/v1/groups/${id}/join`, { as: 'u-sam', idempotencyKey: 'join-1' });
      const again = await api.request('POST', `/v1/groups/${id}/join`, { as: 'u-sam', idempotencyKey: 'join-1' });
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
      assert.deepEqual(await again.json(), await first.json());
      assert.equal((await eventsOf(api.db, id)).length, 2);
    });
  });

  describe('requests to join', () => {
    it('records a pending request, visible to the requester and counted for the admins', async () => {
      const id = await group({ visibility: 'private', joinPolicy: 'request', admins: ['u-lena'] });
      const response = await post(`/v1/groups/${id}/requests`, 'u-sam');
      assert.equal(response.status, 200);
      const mine = await readGroup(response);
      assert.equal(mine.membership, 'pending');
      assert.equal(mine.canCancelRequest, true);
      assert.equal(mine.canRequest, false);
      assert.equal(mine.members, null, 'still an outsider of a private group');
      assert.equal((await view(id, 'u-lena')).pendingRequestCount, 1);
      assert.deepEqual(await eventsOf(api.db, id), [
        { type: 'group.updated', groupId: id, userId: null },
        { type: 'membership.updated', groupId: null, userId: 'u-sam' },
      ]);
    });

    it('asking twice, or as a member, changes nothing (200)', async () => {
      const id = await group({ visibility: 'public', joinPolicy: 'request', admins: ['u-lena'], members: ['u-priya'] });
      assert.equal((await post(`/v1/groups/${id}/requests`, 'u-sam')).status, 200);
      const again = await post(`/v1/groups/${id}/requests`, 'u-sam');
      assert.equal(again.status, 200);
      assert.equal((await readGroup(again)).membership, 'pending');
      assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 0, requests: 1 });
      const member = await post(`/v1/groups/${id}/requests`, 'u-priya');
      assert.equal((await readGroup(member)).membership, 'member');
      assert.deepEqual(await rowsOf(api.db, id, 'u-priya'), { members: 1, requests: 0 });
      assert.equal((await eventsOf(api.db, id)).length, 2, 'events of the first request only');
    });

    it('refuses open and invite-only groups with 409 group_not_by_request', async () => {
      for (const joinPolicy of ['open', 'invite'] as const) {
        const id = await group({ visibility: 'public', joinPolicy, admins: ['u-lena'] });
        await assertError(await post(`/v1/groups/${id}/requests`, 'u-sam'), 409, 'group_not_by_request', joinPolicy);
        assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 0, requests: 0 });
      }
    });

    it('withdraws a pending request; withdrawing none changes nothing (200)', async () => {
      const id = await group({ visibility: 'private', joinPolicy: 'request', admins: ['u-lena'], requests: ['u-sam'] });
      const response = await del(`/v1/groups/${id}/requests/mine`, 'u-sam');
      assert.equal(response.status, 200);
      const seen = await readGroup(response);
      assert.equal(seen.membership, 'none');
      assert.equal(seen.canRequest, true);
      assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 0, requests: 0 });
      assert.equal((await eventsOf(api.db, id)).length, 2);
      const again = await del(`/v1/groups/${id}/requests/mine`, 'u-sam');
      assert.equal(again.status, 200);
      assert.equal((await eventsOf(api.db, id)).length, 2, 'no event when nothing changed');
    });

    it('needs sign-in and a known group', async () => {
      await assertError(await post('/v1/groups/grp-emergency-vets/requests'), 401, 'unauthenticated');
      await assertError(await del('/v1/groups/grp-emergency-vets/requests/mine'), 401, 'unauthenticated');
      await assertError(await post('/v1/groups/grp-nope/requests', 'u-sam'), 404, 'not_found');
      await assertError(await del('/v1/groups/grp-nope/requests/mine', 'u-sam'), 404, 'not_found');
    });
  });

  describe('leave', () => {
    it('removes a member; of a private group they then see the reduced form', async () => {
      const id = await group({ visibility: 'private', joinPolicy: 'request', admins: ['u-lena'], members: ['u-sam'] });
      const response = await post(`/v1/groups/${id}/leave`, 'u-sam');
      assert.equal(response.status, 200);
      const seen = await readGroup(response);
      assert.equal(seen.membership, 'none');
      assert.equal(seen.memberCount, 1);
      assert.equal(seen.members, null);
      assert.deepEqual(await eventsOf(api.db, id), [
        { type: 'group.updated', groupId: id, userId: null },
        { type: 'membership.updated', groupId: null, userId: 'u-sam' },
      ]);
    });

    it('is idempotent for a non-member (200, nothing written)', async () => {
      const id = await group({ visibility: 'public', joinPolicy: 'open', admins: ['u-lena'] });
      const response = await post(`/v1/groups/${id}/leave`, 'u-sam');
      assert.equal(response.status, 200);
      assert.equal((await readGroup(response)).membership, 'none');
      assert.deepEqual(await eventsOf(api.db, id), []);
    });

    it('refuses the last admin with 409 last_admin, and lets an admin beside another one go', async () => {
      const id = await group({ visibility: 'public', joinPolicy: 'open', admins: ['u-lena'], members: ['u-sam'] });
      await assertError(await post(`/v1/groups/${id}/leave`, 'u-lena'), 409, 'last_admin');
      assert.equal((await view(id, 'u-lena')).membership, 'admin');
      const two = await group({ visibility: 'public', joinPolicy: 'open', admins: ['u-lena', 'u-jonas'] });
      assert.equal((await readGroup(await post(`/v1/groups/${two}/leave`, 'u-lena'))).membership, 'none');
      const remaining = await view(two, 'u-jonas');
      assert.equal(remaining.canLeave, false);
      assert.equal(remaining.leaveBlockedReason, 'last-admin');
    });

    it('needs sign-in and a known group', async () => {
      await assertError(await post('/v1/groups/grp-it-help/leave'), 401, 'unauthenticated');
      await assertError(await post('/v1/groups/grp-nope/leave', 'u-sam'), 404, 'not_found');
    });
  });

  describe('managing requests', () => {
    const spec = (): GroupSpec => ({
      visibility: 'private',
      joinPolicy: 'request',
      admins: ['u-lena'],
      members: ['u-priya', 'u-alex'],
      requests: ['u-sam', 'u-jonas'],
    });

    it('lists pending requests oldest first to admins and to company managers who are members', async () => {
      const id = await group(spec());
      for (const as of ['u-lena', 'u-alex']) {
        const response = await api.get(`/v1/groups/${id}/requests`, { as });
        assert.equal(response.status, 200, as);
        const { items } = z.parse(GroupRequestList, await response.json());
        assert.deepEqual(
          items.map((item) => item.user.id),
          ['u-sam', 'u-jonas'],
        );
        assert.equal(items[0]!.user.name, 'Sam Taylor');
        assert.ok(Date.parse(items[0]!.requestedAt) < Date.parse(items[1]!.requestedAt));
      }
    });

    it('hides requests: 403 for members, 404 for outsiders of a private group, 401 signed out', async () => {
      const id = await group(spec());
      await assertError(await api.get(`/v1/groups/${id}/requests`, { as: 'u-priya' }), 403, 'forbidden');
      await assertError(await api.get(`/v1/groups/${id}/requests`, { as: 'u-sam' }), 404, 'not_found', 'requester');
      await assertError(await api.get(`/v1/groups/${id}/requests`), 401, 'unauthenticated');
      await assertError(await api.get('/v1/groups/grp-nope/requests', { as: 'u-lena' }), 404, 'not_found');
      const publicGroup = await group({ ...spec(), visibility: 'public', members: ['u-priya'] });
      await assertError(await api.get(`/v1/groups/${publicGroup}/requests`, { as: 'u-alex' }), 403, 'forbidden');
    });

    it('approves: the requester becomes a member and hears about it; approving again is 200', async () => {
      const id = await group(spec());
      const response = await post(`/v1/groups/${id}/requests/u-sam/approve`, 'u-lena');
      assert.equal(response.status, 200);
      const seen = await readGroup(response);
      assert.equal(seen.membership, 'admin', 'the group as the approver sees it');
      assert.equal(seen.pendingRequestCount, 1);
      assert.equal(seen.memberCount, 4);
      assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 1, requests: 0 });
      assert.equal((await view(id, 'u-sam')).membership, 'member');
      assert.deepEqual(await eventsOf(api.db, id), [
        { type: 'group.updated', groupId: id, userId: null },
        { type: 'membership.updated', groupId: null, userId: 'u-sam' },
      ]);
      const again = await post(`/v1/groups/${id}/requests/u-sam/approve`, 'u-alex');
      assert.equal(again.status, 200);
      assert.equal((await eventsOf(api.db, id)).length, 2);
    });

    it('denies: the request is gone and the requester hears about it; denying again is 200', async () => {
      const id = await group(spec());
      const response = await post(`/v1/groups/${id}/requests/u-jonas/deny`, 'u-lena');
      assert.equal(response.status, 200);
      assert.equal((await readGroup(response)).pendingRequestCount, 1);
      assert.deepEqual(await rowsOf(api.db, id, 'u-jonas'), { members: 0, requests: 0 });
      assert.equal((await view(id, 'u-jonas')).membership, 'none');
      const events = await eventsOf(api.db, id);
      assert.deepEqual(events.at(-1), { type: 'membership.updated', groupId: null, userId: 'u-jonas' });
      assert.equal((await post(`/v1/groups/${id}/requests/u-jonas/deny`, 'u-lena')).status, 200);
      assert.equal((await eventsOf(api.db, id)).length, events.length);
    });

    it('tells the second admin what really happened: 409 no_pending_request / already_member', async () => {
      const id = await group(spec());
      assert.equal((await post(`/v1/groups/${id}/requests/u-jonas/deny`, 'u-lena')).status, 200);
      await assertError(await post(`/v1/groups/${id}/requests/u-jonas/approve`, 'u-alex'), 409, 'no_pending_request');
      assert.equal((await post(`/v1/groups/${id}/requests/u-sam/approve`, 'u-lena')).status, 200);
      await assertError(await post(`/v1/groups/${id}/requests/u-sam/deny`, 'u-alex'), 409, 'already_member');
      // Someone who is a member already: the goal of approving is reached.
      assert.equal((await post(`/v1/groups/${id}/requests/u-priya/approve`, 'u-lena')).status, 200);
    });

    it('refuses those who may not decide: 403 members, 404 outsiders of a private group, 401 signed out', async () => {
      const id = await group(spec());
      for (const action of ['approve', 'deny']) {
        const path = `/v1/groups/${id}/requests/u-sam/${action}`;
        await assertError(await post(path, 'u-priya'), 403, 'forbidden', action);
        await assertError(await post(path, 'u-sam'), 404, 'not_found', action);
        await assertError(await post(path), 401, 'unauthenticated', action);
      }
      const publicGroup = await group({ ...spec(), visibility: 'public', members: ['u-priya'] });
      await assertError(await post(`/v1/groups/${publicGroup}/requests/u-sam/approve`, 'u-alex'), 403, 'forbidden');
      assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 0, requests: 1 });
    });

    it('answers 404 for an unknown person and 400 for an id that cannot be one', async () => {
      const id = await group(spec());
      await assertError(await post(`/v1/groups/${id}/requests/u-nobody/approve`, 'u-lena'), 404, 'not_found');
      await assertError(await post(`/v1/groups/${id}/requests/u-nobody/deny`, 'u-lena'), 404, 'not_found');
      const response = await post(`/v1/groups/${id}/requests/${'x'.repeat(101)}/approve`, 'u-lena');
      await assertError(response, 400, 'validation_failed');
    });
  });

  describe('demo people', () => {
    it('fill the seeded groups’ facepiles, can be seeded again, and who left stays gone', async () => {
      const before = await view('grp-emergency-vets', 'u-lena');
      await seedGroupPeople(api.db, api.clock.current);
      const after = await view('grp-emergency-vets', 'u-lena');
      const joiningVets = SEED_PEOPLE.filter((person) => person.groups.includes('grp-emergency-vets'));
      assert.equal(after.memberCount, before.memberCount + joiningVets.length);
      assert.equal(after.members!.length, 5);
      assert.deepEqual(after.admins, before.admins, 'no new admins');
      assert.equal((await post('/v1/groups/grp-emergency-vets/leave', 'u-tobias')).status, 200);
      await seedGroupPeople(api.db, api.clock.current);
      const again = await view('grp-emergency-vets', 'u-lena');
      assert.equal(again.memberCount, after.memberCount - 1);
      assert.equal((await view('grp-emergency-vets', 'u-tobias')).membership, 'none');
    });
  });

  describe('concurrency', () => {
    it('twenty joins at once by one person make one membership', async () => {
      const id = await group({ visibility: 'public', joinPolicy: 'open', admins: ['u-lena'] });
      const responses = await Promise.all(Array.from({ length: 20 }, () => post(`/v1/groups/${id}/join`, 'u-sam')));
      assert.deepEqual([...new Set(responses.map((response) => response.status))], [200]);
      assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 1, requests: 0 });
      assert.equal((await eventsOf(api.db, id)).length, 2, 'one join, one pair of events');
    });

    it('sixty people joining at once are counted exactly', async () => {
      const id = await group({ visibility: 'public', joinPolicy: 'open', admins: ['u-lena'] });
      const people = await createUsers(api.db, 60, 'u-crowd-join');
      const responses = await Promise.all(people.map((person) => post(`/v1/groups/${id}/join`, person)));
      assert.deepEqual([...new Set(responses.map((response) => response.status))], [200]);
      assert.equal((await view(id)).memberCount, 61);
    });

    it('twenty requests at once by one person make one request', async () => {
      const id = await group({ visibility: 'private', joinPolicy: 'request', admins: ['u-lena'] });
      const responses = await Promise.all(Array.from({ length: 20 }, () => post(`/v1/groups/${id}/requests`, 'u-sam')));
      assert.deepEqual([...new Set(responses.map((response) => response.status))], [200]);
      assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 0, requests: 1 });
    });

    it('two admins approving the same request at once end in one membership, both told 200', async () => {
      for (let round = 0; round < 5; round += 1) {
        const id = await group({
          visibility: 'private',
          joinPolicy: 'request',
          admins: ['u-lena', 'u-jonas'],
          requests: ['u-sam'],
        });
        const responses = await Promise.all([
          post(`/v1/groups/${id}/requests/u-sam/approve`, 'u-lena'),
          post(`/v1/groups/${id}/requests/u-sam/approve`, 'u-jonas'),
        ]);
        assert.deepEqual(
          responses.map((response) => response.status),
          [200, 200],
        );
        assert.deepEqual(await rowsOf(api.db, id, 'u-sam'), { members: 1, requests: 0 });
        const told = (await eventsOf(api.db, id)).filter((event) => event.type === 'membership.updated');
        assert.equal(told.length, 1, 'the requester is told once');
      }
    });

    it('approve and deny at once: exactly one wins, the other gets 409 with the true state', async () => {
      for (let round = 0; round < 5; round += 1) {
        const id = await group({
          visibility: 'private',
          joinPolicy: 'request',
          admins: ['u-lena', 'u-jonas'],
          requests: ['u-sam'],
        });
        const [approve, deny] = await Promise.all([
          post(`/v1/groups/${id}/requests/u-sam/approve`, 'u-lena'),
          post(`/v1/groups/${id}/requests/u-sam/deny`, 'u-jonas'),
        ]);
        const rows = await rowsOf(api.db, id, 'u-sam');
        assert.equal(rows.requests, 0);
        if (rows.members === 1) {
          assert.equal(approve!.status, 200);
          await assertError(deny!, 409, 'already_member');
        } else {
          assert.equal(deny!.status, 200);
          await assertError(approve!, 409, 'no_pending_request');
        }
      }
    });

    it('two last-but-one admins leaving at once: one leaves, the other is refused, one admin stays', async () => {
      for (let round = 0; round < 8; round += 1) {
        const id = await group({ visibility: 'public', joinPolicy: 'open', admins: ['u-lena', 'u-jonas'] });
        const responses = await Promise.all([
          post(`/v1/groups/${id}/leave`, 'u-lena'),
          post(`/v1/groups/${id}/leave`, 'u-jonas'),
        ]);
        const statuses = responses.map((response) => response.status).sort();
        assert.deepEqual(statuses, [200, 409], `round ${round}`);
        const refused = responses.find((response) => response.status === 409)!;
        assert.equal((await readError(refused)).code, 'last_admin');
        const { rows } = await api.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM group_members WHERE group_id = $1 AND role = 'admin'`,
          [id],
        );
        assert.equal(rows[0]!.n, 1);
      }
    });
  });
});
