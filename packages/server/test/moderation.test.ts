import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { ModerationQueue, Report } from '@plaza/contract';
import { backend, readError, seededApi } from './helpers.ts';
import { createPost, eventsFor, readFeed, readPost } from './posts-fixtures.ts';

describe(`moderation (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const report = (postId: string, as: string, body: unknown = { reason: 'spam' }) =>
    api.request('POST', `/v1/posts/${postId}/reports`, { as, body });
  const queue = async (as: string) => {
    const response = await api.get('/v1/moderation/reports', { as });
    assert.equal(response.status, 200);
    return z.parse(ModerationQueue, await response.json());
  };

  describe('reports', () => {
    it('takes one report per person and post, with a reason and an optional note', async () => {
      const post = await createPost(api, 'u-sam', { body: 'Cheap watches, DM me' });
      const response = await report(post.id, 'u-priya', { reason: 'spam', note: '  Advertising  ' });
      assert.equal(response.status, 201);
      const stored = z.parse(Report, await response.json());
      assert.deepEqual(stored, {
        postId: post.id,
        reason: 'spam',
        note: 'Advertising',
        createdAt: api.clock.current.toISOString(),
      });
      const again = await report(post.id, 'u-priya', { reason: 'other' });
      assert.equal(again.status, 409);
      assert.equal((await readError(again)).code, 'conflict');
      const viewed = await readPost(await api.get(`/v1/posts/${post.id}`, { as: 'u-priya' }));
      assert.equal(viewed.canReport, false);
      assert.equal((await readPost(await api.get(`/v1/posts/${post.id}`, { as: 'u-lena' }))).canReport, true);
    });

    it('refuses bad reasons, own posts, invisible posts and signed-out reporters', async () => {
      const post = await createPost(api, 'u-sam', { body: 'Hello' });
      for (const body of [{}, { reason: 'boring' }, { reason: 'other', note: 'x'.repeat(501) }]) {
        const response = await report(post.id, 'u-priya', body);
        assert.equal(response.status, 400, JSON.stringify(body).slice(0, 40));
      }
      assert.equal((await report(post.id, 'u-sam')).status, 403);
      assert.equal((await report('post-vets-triage', 'u-sam')).status, 404);
      assert.equal((await report('post-nope', 'u-sam')).status, 404);
      assert.equal(
        (await api.request('POST', `/v1/posts/${post.id}/reports`, { body: { reason: 'spam' } })).status,
        401,
      );
    });
  });

  describe('queue', () => {
    it('lists reported posts the viewer moderates, with reasons, most recent first', async () => {
      const companyWide = await createPost(api, 'u-sam', { body: 'Buy crypto now #money' });
      const inVets = await createPost(api, 'u-priya', {
        body: 'Client name: Mrs Smith',
        groupId: 'grp-emergency-vets',
      });
      const inSolar = await createPost(api, 'u-lena', { body: 'Off topic', groupId: 'grp-solar-service' });
      await report(companyWide.id, 'u-priya', { reason: 'spam' });
      api.clock.advance(1000);
      await report(companyWide.id, 'u-jonas', { reason: 'misinformation', note: 'Scam' });
      api.clock.advance(1000);
      await report(inVets.id, 'u-lena', { reason: 'confidential', note: 'Names a client' });
      api.clock.advance(1000);
      await report(inSolar.id, 'u-jonas', { reason: 'off-topic' });

      // The company manager: company-wide posts, not the private group he is not in, not a public group
      // he does not manage.
      const alex = await queue('u-alex');
      const alexIds = alex.items.map((item) => item.post.id);
      assert.ok(alexIds.includes(companyWide.id));
      assert.ok(!alexIds.includes(inVets.id));
      assert.ok(!alexIds.includes(inSolar.id));
      const item = alex.items.find((entry) => entry.post.id === companyWide.id)!;
      assert.deepEqual(
        item.reports.map((entry) => [entry.reason, entry.note, entry.reporter.id]),
        [
          ['misinformation', 'Scam', 'u-jonas'],
          ['spam', '', 'u-priya'],
        ],
      );
      assert.equal(item.post.canModerate, true);

      // A group admin: their group's posts only.
      const lena = await queue('u-lena');
      assert.deepEqual(
        lena.items.map((entry) => entry.post.id),
        [inVets.id],
      );
      const jonas = await queue('u-jonas');
      assert.deepEqual(
        jonas.items.map((entry) => entry.post.id),
        [inSolar.id],
      );
      // Members who moderate nothing are refused.
      const sam = await api.get('/v1/moderation/reports', { as: 'u-sam' });
      assert.equal(sam.status, 403);
      assert.equal((await api.get('/v1/moderation/reports')).status, 401);
    });
  });

  describe('hiding', () => {
    it('hides a post from everyone but its moderators, and restores it', async () => {
      const post = await createPost(api, 'u-sam', { body: 'Something offensive #hidden-test' });
      assert.equal((await api.request('POST', `/v1/posts/${post.id}/hide`, { as: 'u-priya' })).status, 403);
      assert.equal((await api.request('POST', `/v1/posts/${post.id}/hide`)).status, 401);
      const hidden = await readPost(await api.request('POST', `/v1/posts/${post.id}/hide`, { as: 'u-alex' }));
      assert.equal(hidden.hidden, true);
      assert.equal(hidden.canModerate, true);
      // Hiding twice changes nothing and records no second event.
      assert.equal((await api.request('POST', `/v1/posts/${post.id}/hide`, { as: 'u-alex' })).status, 200);
      assert.deepEqual(
        (await eventsFor(api, post.id)).map((event) => event.type),
        ['post.created', 'post.updated'],
      );

      for (const as of [undefined, 'u-priya', 'u-sam']) {
        const options = as ? { as } : {};
        assert.equal((await api.get(`/v1/posts/${post.id}`, options)).status, 404, `${as} reads`);
        const feed = await readFeed(await api.get('/v1/feed?topic=hidden-test', options));
        assert.deepEqual(feed.items, [], `${as} feed`);
        const batch = await api.get(`/v1/posts?ids=${post.id}`, options);
        assert.deepEqual(((await batch.json()) as { items: unknown[] }).items, [], `${as} batch`);
      }
      // Not even its author can act on it now.
      assert.equal(
        (await api.request('PATCH', `/v1/posts/${post.id}`, { as: 'u-sam', body: { body: 'x' } })).status,
        404,
      );
      assert.equal((await api.request('PUT', `/v1/posts/${post.id}/reactions/like`, { as: 'u-priya' })).status, 404);
      assert.equal((await api.get(`/v1/posts/${post.id}/comments`, { as: 'u-priya' })).status, 404);

      const moderatorFeed = await readFeed(await api.get('/v1/feed?topic=hidden-test', { as: 'u-alex' }));
      assert.deepEqual(
        moderatorFeed.items.map((item) => [item.id, item.hidden]),
        [[post.id, true]],
      );

      const restored = await readPost(await api.request('POST', `/v1/posts/${post.id}/restore`, { as: 'u-alex' }));
      assert.equal(restored.hidden, false);
      const visible = await readPost(await api.get(`/v1/posts/${post.id}`, { as: 'u-sam' }));
      assert.equal(visible.hidden, false);
      assert.deepEqual(
        (await eventsFor(api, post.id)).map((event) => event.type),
        ['post.created', 'post.updated', 'post.updated'],
      );
    });

    it('lets group managers hide their group’s posts, not company managers outside the group', async () => {
      const post = await createPost(api, 'u-lena', { body: 'Falscher Kanal', groupId: 'grp-solar-service' });
      assert.equal((await api.request('POST', `/v1/posts/${post.id}/hide`, { as: 'u-alex' })).status, 403);
      const hidden = await readPost(await api.request('POST', `/v1/posts/${post.id}/hide`, { as: 'u-jonas' }));
      assert.equal(hidden.hidden, true);
      assert.equal((await api.get(`/v1/posts/${post.id}`, { as: 'u-alex' })).status, 404);
      assert.equal((await api.request('POST', `/v1/posts/${post.id}/restore`, { as: 'u-alex' })).status, 404);
      assert.equal((await api.request('POST', '/v1/posts/post-vets-triage/hide', { as: 'u-alex' })).status, 404);
    });
  });
});
