import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { notify } from '../src/notifications/store.ts';
import { backend, seededApi } from './helpers.ts';

describe(`notifications store (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const notifiedFor = async (entityId: string) =>
    (
      await api.db.query<{ user_id: string }>(
        'SELECT user_id FROM notifications WHERE entity_id = $1 ORDER BY user_id',
        [entityId],
      )
    ).rows.map((row) => row.user_id);

  it('tells each recipient once, never the actor, and records an event addressed to each', async () => {
    const at = api.clock.current;
    const ids = await notify(api.db, {
      userIds: ['u-sam', 'u-priya', 'u-sam', 'u-alex'],
      kind: 'mention',
      entityType: 'post',
      entityId: 'post-1',
      actorId: 'u-alex',
      groupId: null,
      at,
    });
    assert.deepEqual(ids.sort(), ['u-priya', 'u-sam']);
    assert.deepEqual(await notifiedFor('post-1'), ['u-priya', 'u-sam']);
    const { rows } = await api.db.query<{ user_id: string }>(
      `SELECT e.user_id FROM events e JOIN notifications n ON n.id = e.entity_id
        WHERE e.type = 'notification.created' AND n.entity_id = 'post-1' ORDER BY e.user_id`,
    );
    assert.deepEqual(
      rows.map((row) => row.user_id),
      ['u-priya', 'u-sam'],
    );
  });

  it('never tells someone about content of a private group they are not in', async () => {
    await notify(api.db, {
      userIds: ['u-sam', 'u-priya', 'u-jonas'],
      kind: 'mention',
      entityType: 'post',
      entityId: 'post-2',
      actorId: 'u-lena',
      groupId: 'grp-emergency-vets',
      at: api.clock.current,
    });
    assert.deepEqual(await notifiedFor('post-2'), ['u-priya']);
  });
});
