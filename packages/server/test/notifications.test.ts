import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { MarkNotificationsReadResponse, NotificationPage, QuestionWithAnswers } from '@plaza/contract';
import { notify } from '../src/notifications/store.ts';
import { backend, readError, seededApi } from './helpers.ts';

describe(`notifications (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const page = async (as: string, query = '') => {
    const response = await api.get(`/v1/notifications${query}`, { as });
    assert.equal(response.status, 200);
    return z.parse(NotificationPage, await response.json());
  };
  const markRead = async (as: string, body: unknown) => {
    const response = await api.request('POST', '/v1/notifications/read', { as, body });
    assert.equal(response.status, 200, await response.clone().text());
    return z.parse(MarkNotificationsReadResponse, await response.json());
  };

  it('tells the asker about an answer, naming the one who answered', async () => {
    const asked = await api.request('POST', '/v1/questions', {
      as: 'u-jonas',
      body: { title: 'Wo finde ich das Reisekostenformular?', topic: 'it-help' },
    });
    const question = z.parse(QuestionWithAnswers, await asked.json());
    assert.equal((await page('u-jonas')).items.length, 0);
    api.clock.advance(60_000);
    await api.request('POST', `/v1/questions/${question.id}/answers`, {
      as: 'u-priya',
      body: { body: 'Im Intranet unter Personal → Formulare.' },
    });
    const { items, unreadCount } = await page('u-jonas');
    assert.equal(unreadCount, 1);
    assert.equal(items.length, 1);
    assert.equal(items[0]?.kind, 'answer');
    assert.equal(items[0]?.entityType, 'question');
    assert.equal(items[0]?.entityId, question.id);
    assert.equal(items[0]?.actor?.id, 'u-priya');
    assert.equal(items[0]?.read, false);
    // The one who answers their own question is not told about it.
    await api.request('POST', `/v1/questions/${question.id}/answers`, { as: 'u-jonas', body: { body: 'Gefunden!' } });
    assert.equal((await page('u-jonas')).unreadCount, 1);
  });

  it('shows an anonymous asker to experts as no one', async () => {
    await api.request('POST', '/v1/questions', {
      as: 'u-priya',
      body: { title: 'How do I report harassment in a chat?', topic: 'it-help', anonymous: true },
    });
    const latest = (await page('u-alex')).items[0];
    assert.equal(latest?.kind, 'expert-question');
    assert.equal(latest?.actor, null);
  });

  it('lists newest first and pages with a cursor without gaps or repeats', async () => {
    for (let index = 0; index < 5; index += 1) {
      api.clock.advance(60_000);
      await notify(api.db, {
        userIds: ['u-sam'],
        kind: 'mention',
        entityType: 'post',
        entityId: `post-${index}`,
        actorId: 'u-alex',
        groupId: null,
        at: api.clock.current,
      });
    }
    const all = (await page('u-sam', '?limit=50')).items;
    assert.deepEqual(
      all.slice(0, 5).map((item) => item.entityId),
      ['post-4', 'post-3', 'post-2', 'post-1', 'post-0'],
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: NotificationPage = await page('u-sam', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...next.items.map((item) => item.id));
      cursor = next.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.map((item) => item.id),
    );
  });

  it('marks some or all read, and ignores ids that are not the viewer’s', async () => {
    const before = await page('u-sam', '?limit=50');
    assert.ok(before.unreadCount >= 5);
    const [first, second] = before.items;
    const someoneElses = (await page('u-alex')).items[0]!.id;
    const some = await markRead('u-sam', { ids: [first!.id, second!.id, someoneElses, 'ntf-nope'] });
    assert.equal(some.marked, 2);
    assert.equal(some.unreadCount, before.unreadCount - 2);
    assert.equal((await page('u-alex')).items[0]?.read, false, 'another user’s notification stays unread');
    const again = await markRead('u-sam', { ids: [first!.id] });
    assert.equal(again.marked, 0);
    const all = await markRead('u-sam', { all: true });
    assert.equal(all.marked, before.unreadCount - 2);
    assert.equal(all.unreadCount, 0);
    assert.ok((await page('u-sam', '?limit=50')).items.every((item) => item.read));
  });

  it('hides notifications about a private group once the user is no longer in it', async () => {
    await notify(api.db, {
      userIds: ['u-priya'],
      kind: 'mention',
      entityType: 'post',
      entityId: 'post-private',
      actorId: 'u-lena',
      groupId: 'grp-emergency-vets',
      at: api.clock.current,
    });
    assert.ok((await page('u-priya')).items.some((item) => item.entityId === 'post-private'));
    await api.db.query(`DELETE FROM group_members WHERE group_id = 'grp-emergency-vets' AND user_id = 'u-priya'`);
    const after = await page('u-priya');
    assert.ok(!after.items.some((item) => item.entityId === 'post-private'));
  });

  it('refuses bad requests: signed out 401, neither or both of ids/all 400, bad cursor or limit 400', async () => {
    assert.equal((await api.get('/v1/notifications')).status, 401);
    assert.equal((await api.request('POST', '/v1/notifications/read', { body: { all: true } })).status, 401);
    for (const body of [
      {},
      { ids: [], all: true },
      { ids: ['a'], all: true },
      { ids: [] },
      { all: false },
      { ids: ['\u0000'] },
    ]) {
      const response = await api.request('POST', '/v1/notifications/read', { as: 'u-sam', body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal((await readError(response)).code, 'validation_failed');
    }
    for (const query of [
      '?cursor=zzz',
      '?limit=0',
      '?limit=51',
      '?limit=-1',
      `?cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
    ]) {
      const response = await api.get(`/v1/notifications${query}`, { as: 'u-sam' });
      assert.equal(response.status, 400, query);
    }
  });
});
