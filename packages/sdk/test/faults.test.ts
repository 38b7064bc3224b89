// The SDK against the real reference server (in process, PGlite) through a fetch that misbehaves the way
// networks and proxies do: requests dropped before or after the server acted, delayed, duplicated, answered
// with 500 or 429, or with a body that is not JSON or not the contract's shape. Whatever happens, what the
// server holds is what the users last asked for, nothing counts twice, and each client's store ends equal
// to the server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Poll } from '@plaza/contract';
import { createApp, migrate, openDb, seed, silentLogger, type Db } from '@plaza/server';
import { createClient, PlazaError, type PlazaClient } from '@plaza/sdk';

let db: Db;
let app: ReturnType<typeof createApp>;

before(async () => {
  db = await openDb({});
  await migrate(db);
  await seed(db);
  await db.query(
    `INSERT INTO users (id, name, role) SELECT 'u-fault-' || n, 'Fault ' || n, 'member' FROM generate_series(1, 24) AS n`,
  );
  app = createApp({ db, authMode: 'dev', rateLimits: false, log: silentLogger });
});
after(() => db.close());

type Fault =
  'none' | 'drop-before' | 'drop-after' | 'delay' | 'duplicate' | '500' | '429' | 'malformed' | 'wrong-shape';
const FAULTS: Fault[] = [
  'none',
  'drop-before',
  'drop-after',
  'delay',
  'duplicate',
  '500',
  '429',
  'malformed',
  'wrong-shape',
];

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** A client for `userId` whose every request meets a random fault (`faultRate` of them). */
function faultyClient(userId: string, seedValue: number, faultRate = 0.5) {
  const next = random(seedValue);
  const seen: Fault[] = [];
  const send = (request: Request) => Promise.resolve(app.request(request.clone()));
  const client = createClient({
    baseUrl: 'http://plaza.test/',
    retry: { retries: 4, baseDelayMs: 1, maxDelayMs: 5 },
    realtime: false,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      request.headers.set('Cookie', `plaza_session=${userId}`);
      const fault = next() < faultRate ? FAULTS[1 + Math.floor(next() * (FAULTS.length - 1))]! : 'none';
      seen.push(fault);
      switch (fault) {
        case 'drop-before':
          throw new TypeError('network error before the request left');
        case 'drop-after':
          await send(request);
          throw new TypeError('network error after the server acted');
        case 'delay':
          await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 15)));
          return send(request);
        case 'duplicate': {
          const [first] = await Promise.all([send(request), send(request)]);
          return first;
        }
        case '500':
          return json({ error: { code: 'internal', message: 'proxy error' } }, 500);
        case '429':
          return json({ error: { code: 'rate_limited', message: 'slow down' } }, 429, { 'Retry-After': '0' });
        case 'malformed':
          await send(request);
          return new Response('{"id": "poll-', { status: 200, headers: { 'Content-Type': 'application/json' } });
        case 'wrong-shape':
          await send(request);
          return json({ surprise: true }, 200);
        default:
          return send(request);
      }
    },
  });
  return { client, seen };
}

/** A user action as a person does it: on a visible failure, they press Retry (up to 5 times). */
async function persist<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      assert.ok(error instanceof PlazaError, `only typed errors reach the caller, got ${String(error)}`);
      if (attempt === 5) throw error;
    }
  }
}

const readPoll = async (id: string): Promise<Poll> => (await app.request(`/v1/polls/${id}`)).json() as Promise<Poll>;

describe('SDK under injected faults (against the reference server)', () => {
  it('24 people change their votes through a faulty network: the tally is exactly their last choices', async () => {
    const poll = await readPoll('poll-townhall');
    const options = poll.options.map((option) => option.id);
    const users = Array.from({ length: 24 }, (_, index) => `u-fault-${index + 1}`);
    const finalChoice = new Map<string, string | null>();
    const clients = new Map<string, PlazaClient>();
    const faultsSeen = new Set<Fault>();

    await Promise.all(
      users.map(async (userId, index) => {
        const { client, seen } = faultyClient(userId, 1000 + index);
        clients.set(userId, client);
        const pick = random(7 + index);
        for (let step = 0; step < 4; step++) {
          const retract = step === 3 && index % 4 === 0;
          const option = options[Math.floor(pick() * options.length)]!;
          await persist(() => client.polls.get('poll-townhall', { refresh: true }));
          if (retract) {
            await persist(() => client.polls.retractVote('poll-townhall'));
            finalChoice.set(userId, null);
          } else {
            await persist(() => client.polls.vote('poll-townhall', [option]));
            finalChoice.set(userId, option);
          }
        }
        for (const fault of seen) faultsSeen.add(fault);
      }),
    );

    assert.deepEqual([...faultsSeen].sort(), [...FAULTS].sort(), 'every kind of fault happened');
    const expected = new Map(options.map((id) => [id, 0]));
    for (const choice of finalChoice.values()) if (choice) expected.set(choice, expected.get(choice)! + 1);
    const server = await readPoll('poll-townhall');
    const seeded = poll.options.map((option) => option.votes ?? 0);
    for (const [index, option] of server.options.entries()) {
      assert.equal(option.votes, seeded[index]! + expected.get(option.id)!, `votes of ${option.label}`);
    }
    // Each store holds the server's answer to its user's last (successful) action.
    await new Promise((resolve) => setTimeout(resolve, 50)); // re-reads after unknown outcomes settle
    for (const [userId, client] of clients) {
      const choice = finalChoice.get(userId);
      const stored = client.store.get<Poll>('poll', 'poll-townhall')?.value;
      assert.deepEqual(stored?.myVote, choice ? [choice] : [], `${userId}'s store shows their last choice`);
    }
  });

  it('joining and leaving through a faulty network ends in the state asked for, with one membership row', async () => {
    const users = Array.from({ length: 8 }, (_, index) => `u-fault-${index + 1}`);
    await Promise.all(
      users.map(async (userId, index) => {
        const { client } = faultyClient(userId, 5000 + index, 0.6);
        await persist(() => client.groups.join('grp-solar-service'));
        if (index % 2 === 0) await persist(() => client.groups.leave('grp-solar-service'));
        const group = await persist(() => client.groups.get('grp-solar-service', { refresh: true }));
        assert.equal(group.membership, index % 2 === 0 ? 'none' : 'member', userId);
      }),
    );
    const { rows } = await db.query<{ user_id: string; n: number }>(
      `SELECT user_id, count(*)::int AS n FROM group_members WHERE group_id = 'grp-solar-service' AND user_id LIKE 'u-fault-%' GROUP BY user_id ORDER BY user_id`,
    );
    assert.deepEqual(
      rows.map((row) => row.user_id),
      users.filter((_, index) => index % 2 === 1).sort(),
    );
    assert.ok(rows.every((row) => row.n === 1));
  });
});
