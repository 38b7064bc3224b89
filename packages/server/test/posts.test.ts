import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { CommentPage, Deleted, PostList } from '@plaza/contract';
import { backend, DAY, readError, seededApi } from './helpers.ts';
import { createPost, eventsFor, insertFile, insertGroup, readComment, readPost } from './posts-fixtures.ts';

describe(`posts (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const notificationsOf = async (userId: string, entityId: string) => {
    const { rows } = await api.db.query<{ kind: string; actor_id: string }>(
      'SELECT kind, actor_id FROM notifications WHERE user_id = $1 AND entity_id = $2',
      [userId, entityId],
    );
    return rows;
  };

  describe('creating', () => {
    it('creates a post (201, Location) with the lexed body, topics, mentions and an event', async () => {
      const response = await api.request('POST', '/v1/posts', {
        as: 'u-sam',
        body: { body: '  Coffee machine on 2nd floor is **fixed**, thanks @[Alex](u-alex)! #Facilities #kaffee  ' },
      });
      assert.equal(response.status, 201);
      const post = await readPost(response);
      assert.equal(response.headers.get('Location'), `/v1/posts/${post.id}`);
      assert.equal(post.author.id, 'u-sam');
      assert.equal(post.groupId, null);
      assert.equal(
        post.body.source,
        'Coffee machine on 2nd floor is **fixed**, thanks @[Alex](u-alex)! #Facilities #kaffee',
      );
      assert.deepEqual(post.topics, ['facilities', 'kaffee']);
      assert.deepEqual(
        post.mentions.map((user) => user.id),
        ['u-alex'],
      );
      const paragraph = post.body.nodes[0]!;
      assert.equal(paragraph.type, 'paragraph');
      // The mention shows the person's real name, not the one typed.
      assert.ok(
        paragraph.type === 'paragraph' &&
          paragraph.children.some((node) => node.type === 'mention' && node.name === 'Alex Morgan'),
      );
      assert.equal(post.editedAt, null);
      assert.equal(post.commentCount, 0);
      assert.equal(post.announcement, null);
      assert.equal(post.acknowledgement, null);
      assert.deepEqual(
        post.reactions.map((reaction) => [reaction.kind, reaction.count, reaction.mine]),
        [
          ['like', 0, false],
          ['celebrate', 0, false],
          ['insightful', 0, false],
          ['support', 0, false],
        ],
      );
      assert.deepEqual(
        [post.canEdit, post.canDelete, post.canReport, post.canModerate, post.hidden],
        [true, true, false, false, false],
      );
      assert.deepEqual(await eventsFor(api, post.id), [{ type: 'post.created', group_id: null }]);
      assert.deepEqual(await notificationsOf('u-alex', post.id), [{ kind: 'mention', actor_id: 'u-sam' }]);
    });

    it('turns mentions of unknown people into text and notifies nobody', async () => {
      const post = await createPost(api, 'u-sam', { body: 'Hi @[Ghost](u-nobody) and @[Sam](u-sam)' });
      assert.deepEqual(
        post.mentions.map((user) => user.id),
        ['u-sam'],
      );
      assert.deepEqual(post.body.nodes, [
        {
          type: 'paragraph',
          children: [
            { type: 'text', text: 'Hi @Ghost and ' },
            { type: 'mention', userId: 'u-sam', name: 'Sam Taylor' },
          ],
        },
      ]);
      const { rows } = await api.db.query('SELECT 1 FROM notifications WHERE entity_id = $1', [post.id]);
      assert.equal(rows.length, 0, 'nobody is told about their own mention');
    });

    it('refuses a blank or too long body and a signed-out author', async () => {
      for (const body of [{ body: '   ' }, { body: '\u200b\u200d' }, { body: 'x'.repeat(5001) }, {}, { body: 42 }]) {
        const response = await api.request('POST', '/v1/posts', { as: 'u-sam', body });
        assert.equal(response.status, 400, JSON.stringify(body).slice(0, 40));
        const error = await readError(response);
        assert.equal(error.code, 'validation_failed');
        assert.ok(error.fields?.body, JSON.stringify(error.fields));
      }
      const exactly = await api.request('POST', '/v1/posts', { as: 'u-sam', body: { body: 'y'.repeat(5000) } });
      assert.equal(exactly.status, 201);
      const signedOut = await api.request('POST', '/v1/posts', { body: { body: 'Hello' } });
      assert.equal(signedOut.status, 401);
      const malformed = await api.request('POST', '/v1/posts', { as: 'u-sam', rawBody: '{"body":' });
      assert.equal(malformed.status, 400);
    });

    it('lets members post in groups: 403 in a public group, 404 in a private one otherwise', async () => {
      const member = await createPost(api, 'u-priya', {
        body: 'Printer on level 3 jams again',
        groupId: 'grp-it-help',
      });
      assert.equal(member.groupId, 'grp-it-help');
      assert.deepEqual(await eventsFor(api, member.id), [{ type: 'post.created', group_id: 'grp-it-help' }]);

      const publicOutsider = await api.request('POST', '/v1/posts', {
        as: 'u-jonas',
        body: { body: 'Hallo', groupId: 'grp-it-help' },
      });
      assert.equal(publicOutsider.status, 403);
      assert.equal((await readError(publicOutsider)).code, 'forbidden');

      const privateOutsider = await api.request('POST', '/v1/posts', {
        as: 'u-sam',
        body: { body: 'Hello', groupId: 'grp-emergency-vets' },
      });
      assert.equal(privateOutsider.status, 404);
      // A company manager gets no way into a private group either.
      const manager = await api.request('POST', '/v1/posts', {
        as: 'u-alex',
        body: { body: 'Hello', groupId: 'grp-emergency-vets' },
      });
      assert.equal(manager.status, 404);
      const unknown = await api.request('POST', '/v1/posts', {
        as: 'u-alex',
        body: { body: 'x', groupId: 'grp-nope' },
      });
      assert.equal(unknown.status, 404);
    });

    it('lets only managers of the audience make announcements', async () => {
      const announcement = { pinned: true, urgent: true, ackRequired: true };
      const member = await api.request('POST', '/v1/posts', { as: 'u-sam', body: { body: 'Hear ye', announcement } });
      assert.equal(member.status, 403);
      const manager = await createPost(api, 'u-alex', { body: 'Fire drill at 11:00', announcement });
      assert.deepEqual(manager.announcement, { pinned: true, urgent: true, expiresAt: null, ackRequired: true });
      assert.deepEqual(manager.acknowledgement, { acknowledged: false, count: 0, memberCount: 5 });

      // A group admin announces in their group, not company-wide.
      const groupAdmin = await createPost(api, 'u-jonas', {
        body: 'Lager geschlossen',
        groupId: 'grp-solar-service',
        announcement: { pinned: true },
      });
      assert.equal(groupAdmin.announcement?.pinned, true);
      assert.equal(groupAdmin.announcement?.urgent, false);
      const companyWide = await api.request('POST', '/v1/posts', {
        as: 'u-jonas',
        body: { body: 'x', announcement: { pinned: true } },
      });
      assert.equal(companyWide.status, 403);
      const groupMember = await api.request('POST', '/v1/posts', {
        as: 'u-lena',
        body: { body: 'x', groupId: 'grp-solar-service', announcement: { urgent: true } },
      });
      assert.equal(groupMember.status, 403);

      const past = await api.request('POST', '/v1/posts', {
        as: 'u-alex',
        body: {
          body: 'x',
          announcement: { pinned: true, expiresAt: new Date(api.clock.current.getTime() - 1).toISOString() },
        },
      });
      assert.equal(past.status, 400);
      assert.deepEqual(Object.keys((await readError(past)).fields ?? {}), ['announcement.expiresAt']);
    });

    it('attaches up to four of the author’s own images, with size and URL', async () => {
      await insertFile(api, 'file-a', 'u-sam', 1200, 800);
      await insertFile(api, 'file-b', 'u-sam');
      await insertFile(api, 'file-alex', 'u-alex');
      const post = await createPost(api, 'u-sam', {
        body: 'New bike racks',
        images: [
          { fileId: 'file-b', alt: 'Racks from the side' },
          { fileId: 'file-a', alt: ' Racks from above ' },
        ],
      });
      assert.deepEqual(post.images, [
        { fileId: 'file-b', url: '/v1/files/file-b', alt: 'Racks from the side', width: 800, height: 600 },
        { fileId: 'file-a', url: '/v1/files/file-a', alt: 'Racks from above', width: 1200, height: 800 },
      ]);
      const foreign = await api.request('POST', '/v1/posts', {
        as: 'u-sam',
        body: { body: 'x', images: [{ fileId: 'file-a' }, { fileId: 'file-alex' }] },
      });
      assert.equal(foreign.status, 400);
      assert.deepEqual(Object.keys((await readError(foreign)).fields ?? {}), ['images.1.fileId']);
      const twice = await api.request('POST', '/v1/posts', {
        as: 'u-sam',
        body: { body: 'x', images: [{ fileId: 'file-a' }, { fileId: 'file-a' }] },
      });
      assert.equal(twice.status, 400);
      const five = await api.request('POST', '/v1/posts', {
        as: 'u-sam',
        body: { body: 'x', images: Array.from({ length: 5 }, () => ({ fileId: 'file-a' })) },
      });
      assert.equal(five.status, 400);
    });

    it('attaches a poll the author can see in the same audience', async () => {
      const post = await createPost(api, 'u-sam', { body: 'Vote!', pollId: 'poll-townhall' });
      assert.equal(post.pollId, 'poll-townhall');
      for (const pollId of ['poll-nope']) {
        const response = await api.request('POST', '/v1/posts', { as: 'u-sam', body: { body: 'x', pollId } });
        assert.equal(response.status, 400);
        assert.deepEqual(Object.keys((await readError(response)).fields ?? {}), ['pollId']);
      }
      // A poll of a private group cannot be attached to a company-wide post, even by a member.
      const groupPoll = await api.createPoll(
        { question: 'Shift swap?', options: ['Yes', 'No'], groupId: 'grp-emergency-vets' },
        'u-priya',
      );
      const leak = await api.request('POST', '/v1/posts', { as: 'u-priya', body: { body: 'x', pollId: groupPoll.id } });
      assert.equal(leak.status, 400);
      const inGroup = await createPost(api, 'u-priya', {
        body: 'x',
        groupId: 'grp-emergency-vets',
        pollId: groupPoll.id,
      });
      assert.equal(inGroup.pollId, groupPoll.id);
    });
  });

  describe('reading', () => {
    it('shows seeded posts to signed-out readers, but private ones only to members', async () => {
      const publicPost = await readPost(await api.get('/v1/posts/post-solar-isolation'));
      assert.equal(publicPost.groupId, 'grp-solar-service');
      assert.deepEqual(publicPost.topics, ['wechselrichter', 'fehlerbild']);
      assert.equal(publicPost.canReport, false);
      assert.equal((await api.get('/v1/posts/post-vets-triage')).status, 404);
      assert.equal((await api.get('/v1/posts/post-vets-triage', { as: 'u-sam' })).status, 404);
      assert.equal((await api.get('/v1/posts/post-vets-triage', { as: 'u-alex' })).status, 404);
      const member = await readPost(await api.get('/v1/posts/post-vets-triage', { as: 'u-priya' }));
      assert.equal(member.commentCount, 2);
      assert.equal((await api.get('/v1/posts/post-nope')).status, 404);
    });

    it('batch-reads in the order asked, leaving out unknown, invisible and repeated ids', async () => {
      const response = await api.get(
        '/v1/posts?ids=post-solar-parts,post-nope,post-vets-triage,post-it-calendar,post-solar-parts',
        { as: 'u-sam' },
      );
      const { items } = z.parse(PostList, await response.json());
      assert.deepEqual(
        items.map((post) => post.id),
        ['post-solar-parts', 'post-it-calendar'],
      );
      assert.equal((await api.get('/v1/posts?ids=')).status, 400);
      const tooMany = Array.from({ length: 101 }, (_, index) => `p${index}`).join(',');
      assert.equal((await api.get(`/v1/posts?ids=${tooMany}`)).status, 400);
    });

    it('shows the reactors preview, earliest first', async () => {
      const post = await readPost(await api.get('/v1/posts/post-welcome-plaza', { as: 'u-lena' }));
      const celebrate = post.reactions.find((reaction) => reaction.kind === 'celebrate')!;
      assert.equal(celebrate.count, 3);
      assert.equal(celebrate.mine, true);
      assert.deepEqual(
        celebrate.reactors.map((user) => user.id),
        ['u-lena', 'u-jonas', 'u-sam'],
      );
    });
  });

  describe('editing and deleting', () => {
    it('lets the author edit (editedAt, topics, new mentions notified); others get 403, outsiders 404', async () => {
      const post = await createPost(api, 'u-priya', { body: 'Draft #one', groupId: 'grp-emergency-vets' });
      api.clock.advance(60_000);
      const response = await api.request('PATCH', `/v1/posts/${post.id}`, {
        as: 'u-priya',
        body: { body: 'Final #two, see @[Lena](u-lena)' },
      });
      assert.equal(response.status, 200);
      const edited = await readPost(response);
      assert.equal(edited.editedAt, api.clock.current.toISOString());
      assert.deepEqual(edited.topics, ['two']);
      assert.deepEqual(await notificationsOf('u-lena', post.id), [{ kind: 'mention', actor_id: 'u-priya' }]);
      assert.deepEqual(
        (await eventsFor(api, post.id)).map((event) => event.type),
        ['post.created', 'post.updated'],
      );
      // Editing again with the same mention does not notify twice.
      await api.request('PATCH', `/v1/posts/${post.id}`, {
        as: 'u-priya',
        body: { body: 'Final #two, @[L](u-lena)!' },
      });
      assert.equal((await notificationsOf('u-lena', post.id)).length, 1);

      const other = await api.request('PATCH', `/v1/posts/${post.id}`, { as: 'u-lena', body: { body: 'Mine now' } });
      assert.equal(other.status, 403);
      const outsider = await api.request('PATCH', `/v1/posts/${post.id}`, { as: 'u-sam', body: { body: 'x' } });
      assert.equal(outsider.status, 404);
      const invalid = await api.request('PATCH', `/v1/posts/${post.id}`, { as: 'u-priya', body: { body: '' } });
      assert.equal(invalid.status, 400);
    });

    it('lets the author or a moderator delete, with an event; others get 403', async () => {
      const own = await createPost(api, 'u-sam', { body: 'Oops' });
      const byOther = await api.request('DELETE', `/v1/posts/${own.id}`, { as: 'u-priya' });
      assert.equal(byOther.status, 403);
      const response = await api.request('DELETE', `/v1/posts/${own.id}`, { as: 'u-sam' });
      assert.equal(response.status, 200);
      assert.deepEqual(z.parse(Deleted, await response.json()), { id: own.id });
      assert.equal((await api.get(`/v1/posts/${own.id}`)).status, 404);
      assert.deepEqual(
        (await eventsFor(api, own.id)).map((event) => event.type),
        ['post.created', 'post.deleted'],
      );
      assert.equal((await api.request('DELETE', `/v1/posts/${own.id}`, { as: 'u-sam' })).status, 404);

      // Company manager: company-wide posts. Group admin: their group's posts.
      const companyWide = await createPost(api, 'u-sam', { body: 'Selling my bike' });
      assert.equal((await api.request('DELETE', `/v1/posts/${companyWide.id}`, { as: 'u-alex' })).status, 200);
      const inSolar = await createPost(api, 'u-lena', { body: 'Spam', groupId: 'grp-solar-service' });
      assert.equal((await api.request('DELETE', `/v1/posts/${inSolar.id}`, { as: 'u-alex' })).status, 403);
      assert.equal((await api.request('DELETE', `/v1/posts/${inSolar.id}`, { as: 'u-jonas' })).status, 200);
    });
  });

  describe('reactions', () => {
    it('keeps one reaction per person: PUT sets or replaces, DELETE removes', async () => {
      const post = await createPost(api, 'u-alex', { body: 'Server room tour on Friday' });
      const like = await readPost(await api.request('PUT', `/v1/posts/${post.id}/reactions/like`, { as: 'u-sam' }));
      assert.deepEqual(
        like.reactions.map((reaction) => [reaction.kind, reaction.count, reaction.mine]),
        [
          ['like', 1, true],
          ['celebrate', 0, false],
          ['insightful', 0, false],
          ['support', 0, false],
        ],
      );
      assert.deepEqual(
        like.reactions[0]!.reactors.map((user) => user.id),
        ['u-sam'],
      );
      // The same again changes nothing.
      await api.request('PUT', `/v1/posts/${post.id}/reactions/like`, { as: 'u-sam' });
      const celebrate = await readPost(
        await api.request('PUT', `/v1/posts/${post.id}/reactions/celebrate`, { as: 'u-sam' }),
      );
      assert.deepEqual(
        celebrate.reactions.map((reaction) => reaction.count),
        [0, 1, 0, 0],
      );
      // Removing a kind one does not have leaves the reaction alone.
      const wrongKind = await readPost(
        await api.request('DELETE', `/v1/posts/${post.id}/reactions/like`, { as: 'u-sam' }),
      );
      assert.equal(wrongKind.reactions[1]!.count, 1);
      const removed = await readPost(
        await api.request('DELETE', `/v1/posts/${post.id}/reactions/celebrate`, { as: 'u-sam' }),
      );
      assert.deepEqual(
        removed.reactions.map((reaction) => reaction.count),
        [0, 0, 0, 0],
      );
      const unknown = await api.request('PUT', `/v1/posts/${post.id}/reactions/love`, { as: 'u-sam' });
      assert.equal(unknown.status, 400);
      assert.deepEqual(Object.keys((await readError(unknown)).fields ?? {}), ['kind']);
      assert.equal((await api.request('PUT', `/v1/posts/${post.id}/reactions/like`)).status, 401);
      assert.equal(
        (await api.request('PUT', '/v1/posts/post-vets-triage/reactions/like', { as: 'u-sam' })).status,
        404,
      );
      assert.ok((await eventsFor(api, post.id)).filter((event) => event.type === 'post.updated').length >= 3);
    });
  });

  describe('acknowledgements', () => {
    it("counts the audience only: a public group's outsiders may confirm, but neither they nor leavers count", async () => {
      await insertGroup(api, 'grp-ack', 'public', ['u-lena', 'u-priya']);
      const post = await createPost(api, 'u-lena', {
        body: 'Read before the night shift',
        groupId: 'grp-ack',
        announcement: { ackRequired: true },
      });
      for (const who of ['u-priya', 'u-sam', 'u-jonas']) {
        const response = await api.request('POST', `/v1/posts/${post.id}/acknowledgements`, { as: who });
        assert.equal((await readPost(response)).acknowledgement?.acknowledged, true, who);
      }
      const admin = async () =>
        (await readPost(await api.get(`/v1/posts/${post.id}`, { as: 'u-lena' }))).acknowledgement;
      assert.deepEqual(await admin(), { acknowledged: false, count: 1, memberCount: 2 });
      assert.equal((await api.request('POST', '/v1/groups/grp-ack/leave', { as: 'u-priya' })).status, 200);
      assert.deepEqual(await admin(), { acknowledged: false, count: 0, memberCount: 1 });
    });

    it('records "I have read this" once; counts only for managers', async () => {
      const post = await createPost(api, 'u-alex', {
        body: 'Evacuation drill',
        announcement: { urgent: true, ackRequired: true },
      });
      const first = await readPost(await api.request('POST', `/v1/posts/${post.id}/acknowledgements`, { as: 'u-sam' }));
      assert.deepEqual(first.acknowledgement, { acknowledged: true, count: null, memberCount: null });
      const again = await api.request('POST', `/v1/posts/${post.id}/acknowledgements`, { as: 'u-sam' });
      assert.equal(again.status, 200);
      await api.request('POST', `/v1/posts/${post.id}/acknowledgements`, { as: 'u-priya' });
      const manager = await readPost(await api.get(`/v1/posts/${post.id}`, { as: 'u-alex' }));
      assert.deepEqual(manager.acknowledgement, { acknowledged: false, count: 2, memberCount: 5 });
      const updates = (await eventsFor(api, post.id)).filter((event) => event.type === 'post.updated');
      assert.equal(updates.length, 2, 'the repeated acknowledgement changed nothing');

      const plain = await createPost(api, 'u-alex', { body: 'No ack here' });
      assert.equal((await api.request('POST', `/v1/posts/${plain.id}/acknowledgements`, { as: 'u-sam' })).status, 409);
      const seeded = await readPost(await api.get('/v1/posts/post-network-outage', { as: 'u-alex' }));
      assert.equal(seeded.acknowledgement?.count, 2);
    });

    it('counts the group’s members for a group announcement', async () => {
      const post = await createPost(api, 'u-lena', {
        body: 'Neue Notfallnummer',
        groupId: 'grp-emergency-vets',
        announcement: { ackRequired: true },
      });
      assert.deepEqual(post.acknowledgement, { acknowledged: false, count: 0, memberCount: 2 });
    });
  });

  describe('comments', () => {
    it('adds comments and replies (a reply to a reply joins the thread), pages newest first', async () => {
      const post = await createPost(api, 'u-alex', { body: 'Which VPN client do you use?' });
      const ids: string[] = [];
      for (let index = 1; index <= 5; index += 1) {
        api.clock.advance(1000);
        const response = await api.request('POST', `/v1/posts/${post.id}/comments`, {
          as: index % 2 ? 'u-sam' : 'u-priya',
          body: { body: `Comment ${index} #vpn` },
        });
        assert.equal(response.status, 201);
        const comment = await readComment(response);
        assert.equal(response.headers.get('Location'), `/v1/comments/${comment.id}`);
        assert.equal(comment.parentId, null);
        ids.push(comment.id);
      }
      api.clock.advance(1000);
      const reply = await readComment(
        await api.request('POST', `/v1/posts/${post.id}/comments`, {
          as: 'u-alex',
          body: { body: 'Reply to 5', parentId: ids[4] },
        }),
      );
      assert.equal(reply.parentId, ids[4]);
      api.clock.advance(1000);
      const nested = await readComment(
        await api.request('POST', `/v1/posts/${post.id}/comments`, {
          as: 'u-sam',
          body: { body: 'Reply to the reply', parentId: reply.id },
        }),
      );
      assert.equal(nested.parentId, ids[4], 'one level: joins the top-level comment');
      const badParent = await api.request('POST', `/v1/posts/${post.id}/comments`, {
        as: 'u-sam',
        body: { body: 'x', parentId: 'cmt-welcome-sam' },
      });
      assert.equal(badParent.status, 400);

      const first = z.parse(CommentPage, await (await api.get(`/v1/posts/${post.id}/comments?limit=2`)).json());
      assert.equal(first.total, 7);
      assert.deepEqual(
        first.items.map((item) => item.id),
        [ids[3], ids[4]],
      );
      assert.deepEqual(
        first.items[1]!.replies.map((item) => item.id),
        [reply.id, nested.id],
      );
      assert.ok(first.nextCursor);
      const second = z.parse(
        CommentPage,
        await (await api.get(`/v1/posts/${post.id}/comments?limit=2&before=${first.nextCursor}`)).json(),
      );
      assert.deepEqual(
        second.items.map((item) => item.id),
        [ids[1], ids[2]],
      );
      const third = z.parse(
        CommentPage,
        await (await api.get(`/v1/posts/${post.id}/comments?limit=2&before=${second.nextCursor}`)).json(),
      );
      assert.deepEqual(
        third.items.map((item) => item.id),
        [ids[0]],
      );
      assert.equal(third.nextCursor, null);
      assert.equal((await api.get(`/v1/posts/${post.id}/comments?before=garbage`)).status, 400);
      assert.equal((await api.get(`/v1/posts/${post.id}/comments?limit=0`)).status, 400);
      assert.equal((await api.get(`/v1/posts/${post.id}/comments?limit=51`)).status, 400);

      const updated = await readPost(await api.get(`/v1/posts/${post.id}`));
      assert.equal(updated.commentCount, 7);
      assert.deepEqual(
        (await eventsFor(api, reply.id)).map((event) => event.type),
        ['comment.created'],
      );
    });

    it('lets members comment on group posts only; hides private comments from outsiders', async () => {
      const outsider = await api.request('POST', '/v1/posts/post-it-calendar/comments', {
        as: 'u-jonas',
        body: { body: 'Hallo' },
      });
      assert.equal(outsider.status, 403);
      const privatePost = await api.request('POST', '/v1/posts/post-vets-triage/comments', {
        as: 'u-sam',
        body: { body: 'Hello' },
      });
      assert.equal(privatePost.status, 404);
      assert.equal((await api.get('/v1/posts/post-vets-triage/comments', { as: 'u-sam' })).status, 404);
      const member = z.parse(
        CommentPage,
        await (await api.get('/v1/posts/post-vets-triage/comments', { as: 'u-priya' })).json(),
      );
      assert.deepEqual(
        member.items.map((item) => [item.id, item.replies.map((reply) => reply.id)]),
        [['cmt-triage-priya', ['cmt-triage-lena']]],
      );
    });

    it('lets the author edit a comment, the author or a moderator delete it (with its replies)', async () => {
      const post = await createPost(api, 'u-sam', { body: 'Lost keys at reception' });
      const comment = await readComment(
        await api.request('POST', `/v1/posts/${post.id}/comments`, { as: 'u-priya', body: { body: 'Blue keyring?' } }),
      );
      const reply = await readComment(
        await api.request('POST', `/v1/posts/${post.id}/comments`, {
          as: 'u-sam',
          body: { body: 'Yes!', parentId: comment.id },
        }),
      );
      api.clock.advance(5000);
      const edited = await readComment(
        await api.request('PATCH', `/v1/comments/${comment.id}`, {
          as: 'u-priya',
          body: { body: 'Blue keyring with a **fox**? @[Sam](u-sam)' },
        }),
      );
      assert.equal(edited.editedAt, api.clock.current.toISOString());
      assert.deepEqual(await notificationsOf('u-sam', comment.id), [{ kind: 'mention', actor_id: 'u-priya' }]);
      assert.equal(
        (await api.request('PATCH', `/v1/comments/${comment.id}`, { as: 'u-sam', body: { body: 'x' } })).status,
        403,
      );
      assert.equal(
        (await api.request('PATCH', '/v1/comments/cmt-nope', { as: 'u-sam', body: { body: 'x' } })).status,
        404,
      );
      assert.equal(
        (await api.request('PATCH', '/v1/comments/cmt-triage-priya', { as: 'u-sam', body: { body: 'x' } })).status,
        404,
      );
      assert.equal((await api.request('DELETE', `/v1/comments/${comment.id}`, { as: 'u-jonas' })).status, 403);
      // A company manager moderates company-wide posts.
      const deleted = await api.request('DELETE', `/v1/comments/${comment.id}`, { as: 'u-alex' });
      assert.equal(deleted.status, 200);
      assert.deepEqual(
        (await eventsFor(api, reply.id)).map((event) => event.type),
        ['comment.created', 'comment.deleted'],
      );
      assert.equal((await readPost(await api.get(`/v1/posts/${post.id}`))).commentCount, 0);
    });
  });

  it('takes a body nested thousands of levels deep, keeping its words (it was a 500: a stack overflow)', async () => {
    const body = `${'- '.repeat(2400)}deep`;
    const post = await createPost(api, 'u-sam', { body });
    assert.equal(post.body.source, body);
    assert.match(JSON.stringify(post.body.nodes), /deep/);
    const comment = await api.request('POST', `/v1/posts/${post.id}/comments`, { as: 'u-sam', body: { body } });
    assert.equal(comment.status, 201);
    const question = await api.request('POST', '/v1/questions', {
      as: 'u-sam',
      body: { title: 'Nested lists?', body, topic: 'it-help' },
    });
    assert.equal(question.status, 201);
  });

  it('replays a retried create with the same Idempotency-Key', async () => {
    const send = () =>
      api.request('POST', '/v1/posts', { as: 'u-sam', body: { body: 'Once only' }, idempotencyKey: 'post-once' });
    const first = await readPost(await send());
    const retry = await send();
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    assert.equal((await readPost(retry)).id, first.id);
    api.clock.advance(2 * DAY);
  });
});
