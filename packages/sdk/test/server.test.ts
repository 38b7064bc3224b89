// The SDK against the real reference server, in process (PGlite in memory, seeded): what a page does.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Poll } from '@plaza/contract';
import { createApp, migrate, openDb, seed, type Db } from '@plaza/server';
import { createClient, PlazaError, type PlazaClient } from '@plaza/sdk';

let db: Db;
let app: ReturnType<typeof createApp>;

before(async () => {
  db = await openDb({});
  await migrate(db);
  await seed(db);
  app = createApp({ db, authMode: 'dev' });
});
after(() => db.close());

/** A client signed in as `userId` through the dev session cookie, talking to the app without a network. */
function clientAs(userId: string | null, onRequest?: (request: Request) => void): PlazaClient {
  return createClient({
    baseUrl: 'http://plaza.test/',
    retry: { retries: 2, baseDelayMs: 1 },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (userId) request.headers.set('Cookie', `plaza_session=${userId}`);
      onRequest?.(request);
      return app.request(request);
    },
  });
}

describe('SDK against the reference server', () => {
  it('loads two polls in one batched request and knows who is signed in', async () => {
    const seen: string[] = [];
    const client = clientAs('u-alex', (request) =>
      seen.push(new URL(request.url).pathname + new URL(request.url).search),
    );
    const [townhall, schulung, me] = await Promise.all([
      client.polls.get('poll-townhall'),
      client.polls.get('poll-schulung'),
      client.me(),
    ]);
    assert.equal(townhall.id, 'poll-townhall');
    assert.equal(schulung.multiple, true);
    assert.equal(me?.id, 'u-alex');
    assert.deepEqual(
      seen.filter((path) => path.startsWith('/v1/polls')),
      ['/v1/polls?ids=poll-townhall,poll-schulung'],
    );
  });

  it('votes, changes and retracts; the store always ends with what the server says', async () => {
    const client = clientAs('u-sam');
    const before = await client.polls.get('poll-townhall');
    const voted = await client.polls.vote('poll-townhall', ['townhall-tools']);
    assert.deepEqual(voted.myVote, ['townhall-tools']);
    assert.equal(voted.totalVoters, before.totalVoters + 1);
    const changed = await client.polls.vote('poll-townhall', ['townhall-hybrid']);
    assert.equal(changed.totalVoters, before.totalVoters + 1, 'changing a vote does not add a voter');
    const retracted = await client.polls.retractVote('poll-townhall');
    assert.equal(retracted.totalVoters, before.totalVoters);
    assert.deepEqual(client.store.get<Poll>('poll', 'poll-townhall')?.value, retracted);
  });

  it('a refused vote (too many choices) rolls back and throws a typed error', async () => {
    const client = clientAs('u-priya');
    const before = await client.polls.get('poll-schulung');
    await assert.rejects(
      client.polls.vote(
        'poll-schulung',
        before.options.slice(0, 3).map((option) => option.id),
      ),
      (error: unknown) => error instanceof PlazaError && error.code === 'too_many_choices' && error.status === 400,
    );
    assert.deepEqual(client.store.get<Poll>('poll', 'poll-schulung')?.value?.myVote, before.myVote);
  });

  it('a vote whose response is lost is retried with the same Idempotency-Key and counted once', async () => {
    let dropped = false;
    const keys: string[] = [];
    const client = createClient({
      baseUrl: 'http://plaza.test/',
      retry: { retries: 2, baseDelayMs: 1 },
      fetch: async (input, init) => {
        const request = new Request(input, init);
        request.headers.set('Cookie', 'plaza_session=u-lena');
        const response = await app.request(request);
        if (request.method === 'PUT') {
          keys.push(request.headers.get('Idempotency-Key') ?? '');
          if (!dropped) {
            dropped = true;
            throw new TypeError('network dropped the response'); // the server did act
          }
        }
        return response;
      },
    });
    const before = await clientAs(null).polls.get('poll-tools');
    const poll = await client.polls.vote('poll-tools', [before.options[0]!.id]);
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);
    assert.equal(poll.totalVoters, before.totalVoters + 1, 'counted once');
  });

  it('signed out, me() is null and a vote is refused as unauthenticated', async () => {
    const client = clientAs(null);
    assert.equal(await client.me(), null);
    await client.polls.get('poll-townhall');
    await assert.rejects(
      client.polls.vote('poll-townhall', ['townhall-qa']),
      (error: unknown) => error instanceof PlazaError && error.code === 'unauthenticated',
    );
  });
});

describe('SDK groups against the reference server', () => {
  it('batches group cards of a page into one request, and a private group shows no people to outsiders', async () => {
    const seen: string[] = [];
    const client = clientAs('u-sam', (request) =>
      seen.push(new URL(request.url).pathname + new URL(request.url).search),
    );
    const [vets, solar, it] = await Promise.all(
      ['grp-emergency-vets', 'grp-solar-service', 'grp-it-help'].map((id) => client.groups.get(id)),
    );
    assert.deepEqual(
      seen.filter((path) => path.startsWith('/v1/groups')),
      ['/v1/groups?ids=grp-emergency-vets,grp-solar-service,grp-it-help'],
    );
    assert.equal(vets!.membership, 'pending');
    assert.equal(vets!.members, null);
    assert.equal(solar!.canJoin, true);
    assert.equal(it!.membership, 'member');
    await assert.rejects(client.groups.get('grp-nope'), (error) => error instanceof PlazaError && error.status === 404);
  });

  it('joins, leaves, requests and withdraws; the store follows each answer', async () => {
    const client = clientAs('u-priya');
    const joined = await client.groups.join('grp-solar-service');
    assert.equal(joined.membership, 'member');
    assert.equal(client.store.get<{ membership: string }>('group', 'grp-solar-service')?.value?.membership, 'member');
    assert.equal((await client.groups.leave('grp-solar-service')).membership, 'none');
    const other = clientAs('u-jonas');
    assert.equal((await other.groups.requestToJoin('grp-emergency-vets')).membership, 'pending');
    assert.equal((await other.groups.cancelRequest('grp-emergency-vets')).membership, 'none');
  });

  it('on a 409 (approved meanwhile by someone else) rejects with the code and re-reads the true state', async () => {
    const lena = clientAs('u-lena');
    const requests = await lena.groups.requests('grp-emergency-vets');
    assert.ok(requests.some((request) => request.user.id === 'u-sam'));
    await clientAs('u-lena').groups.approve('grp-emergency-vets', 'u-sam');
    await lena.groups.get('grp-emergency-vets');
    await assert.rejects(
      lena.groups.deny('grp-emergency-vets', 'u-sam'),
      (error) => error instanceof PlazaError && error.code === 'already_member',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const group = lena.store.get<{ memberCount: number; pendingRequestCount: number }>('group', 'grp-emergency-vets');
    assert.equal(group?.value?.pendingRequestCount, 0);
  });

  it('finds people for mentions, and needs sign-in for it', async () => {
    const found = await clientAs('u-alex').users.search('pri');
    assert.equal(found[0]?.id, 'u-priya');
    await assert.rejects(
      clientAs(null).users.search('pri'),
      (error) => error instanceof PlazaError && error.code === 'unauthenticated',
    );
  });
});
