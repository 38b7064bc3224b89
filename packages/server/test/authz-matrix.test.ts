/**
 * Who may do what, as one table: roles × resources × actions → expected outcome, each cell run against a
 * fresh little world (so a write in one cell never changes another), and every response body checked for
 * private content the role may not see. To cover another resource (posts, questions), add a `Resource` to
 * RESOURCES: a `setup` that builds its world, the texts only some roles may see, and its actions' rows.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { ErrorBody, Group, Poll, Post, Question } from '@plaza/contract';
import { createGroup } from './group-fixtures.ts';
import { backend, seededApi } from './helpers.ts';

type Api = Awaited<ReturnType<typeof seededApi>>;

const ROLES = ['anonymous', 'member', 'non-member', 'manager', 'group admin'] as const;
type Role = (typeof ROLES)[number];

/** Who plays each role. The manager is a company manager who is NOT in the world's group. */
const PLAYER: Record<Role, string | undefined> = {
  anonymous: undefined,
  member: 'u-priya',
  'non-member': 'u-sam',
  manager: 'u-alex',
  'group admin': 'u-lena',
};

/**
 * A status code, or for a 200 read what the viewer gets: `full`, `reduced` (a private group's card without
 * people) or, in a batch read, `omitted` (left out of `items`).
 */
type Outcome = number | 'full' | 'reduced' | 'omitted';

/** One row of expectations, in the order of ROLES. */
const row = (...outcomes: [Outcome, Outcome, Outcome, Outcome, Outcome]) =>
  Object.fromEntries(ROLES.map((role, index) => [role, outcomes[index]!])) as Record<Role, Outcome>;

interface World {
  /** The id the actions address (group id, poll id). */
  id: string;
  /** Other ids the actions need, e.g. `requester`. */
  refs: Record<string, string>;
  /** Texts that must not appear in any response to these roles. */
  hidden: { text: string; from: readonly Role[] }[];
}

interface Action {
  name: string;
  /** `read` and `batch` responses are checked for full/reduced/omitted; `write` by status only. */
  kind: 'read' | 'batch' | 'write';
  request(world: World): { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; body?: unknown };
  expect: Record<Role, Outcome>;
}

interface Resource {
  name: string;
  /** What a read returns: checked against the contract. */
  schema: 'group' | 'poll' | 'post' | 'question';
  setup(api: Api): Promise<World>;
  actions: Action[];
}

const OUTSIDERS = ['anonymous', 'non-member', 'manager'] as const satisfies readonly Role[];
const NOT_ADMINS = ['anonymous', 'member', 'non-member', 'manager'] as const satisfies readonly Role[];

const unique = () => randomBytes(4).toString('hex');

/** A person with a name no other test uses, so finding it in a body means it leaked. */
async function createPerson(api: Api, name: string): Promise<string> {
  const id = `u-mx-${unique()}`;
  await api.db.query(`INSERT INTO users (id, name, role) VALUES ($1, $2, 'member')`, [id, name]);
  return id;
}

/**
 * A group whose admin is u-lena, with u-priya and a private-sounding member as members and one pending
 * requester. Nobody else (in particular not u-sam or the manager u-alex) belongs to it.
 */
async function groupWorld(api: Api, visibility: 'public' | 'private', joinPolicy: 'open' | 'request') {
  const secretMember = `Wilhelmina Geheimrat ${unique()}`;
  const requesterName = `Rosalind Anfrage ${unique()}`;
  const member = await createPerson(api, secretMember);
  const requester = await createPerson(api, requesterName);
  const id = await createGroup(api.db, {
    visibility,
    joinPolicy,
    admins: ['u-lena'],
    members: ['u-priya', member],
    requests: [requester],
  });
  return { id, secretMember, requesterName, requester };
}

/** The write actions on a group, with their expected statuses. */
function groupActions(expect: {
  join: Record<Role, Outcome>;
  request: Record<Role, Outcome>;
  listRequests: Record<Role, Outcome>;
  decide: Record<Role, Outcome>;
}): Action[] {
  const write = (
    name: string,
    method: 'POST' | 'DELETE',
    path: (world: World) => string,
    outcomes: Record<Role, Outcome>,
  ) =>
    ({ name, kind: 'write', request: (world) => ({ method, path: path(world) }), expect: outcomes }) satisfies Action;
  return [
    write('join', 'POST', (w) => `/v1/groups/${w.id}/join`, expect.join),
    write('request to join', 'POST', (w) => `/v1/groups/${w.id}/requests`, expect.request),
    write('withdraw own request', 'DELETE', (w) => `/v1/groups/${w.id}/requests/mine`, row(401, 200, 200, 200, 200)),
    // The admin is the only one: leaving would orphan the group.
    write('leave', 'POST', (w) => `/v1/groups/${w.id}/leave`, row(401, 200, 200, 200, 409)),
    {
      name: 'list join requests',
      kind: 'write',
      request: (w) => ({ method: 'GET', path: `/v1/groups/${w.id}/requests` }),
      expect: expect.listRequests,
    },
    write('approve a request', 'POST', (w) => `/v1/groups/${w.id}/requests/${w.refs.requester}/approve`, expect.decide),
    write('deny a request', 'POST', (w) => `/v1/groups/${w.id}/requests/${w.refs.requester}/deny`, expect.decide),
  ];
}

const groupReads = (expect: Record<Role, Outcome>, batch: Record<Role, Outcome>): Action[] => [
  { name: 'read', kind: 'read', request: (w) => ({ method: 'GET', path: `/v1/groups/${w.id}` }), expect },
  {
    name: 'batch read',
    kind: 'batch',
    request: (w) => ({ method: 'GET', path: `/v1/groups?ids=grp-it-help,${w.id}` }),
    expect: batch,
  },
];

const pollActions = (expect: {
  read: Record<Role, Outcome>;
  batch: Record<Role, Outcome>;
  vote: Record<Role, Outcome>;
  close: Record<Role, Outcome>;
}): Action[] => [
  { name: 'read', kind: 'read', request: (w) => ({ method: 'GET', path: `/v1/polls/${w.id}` }), expect: expect.read },
  {
    name: 'batch read',
    kind: 'batch',
    request: (w) => ({ method: 'GET', path: `/v1/polls?ids=poll-townhall,${w.id}` }),
    expect: expect.batch,
  },
  {
    name: 'vote',
    kind: 'write',
    request: (w) => ({ method: 'PUT', path: `/v1/polls/${w.id}/vote`, body: { optionIds: [`${w.id}-1`] } }),
    expect: expect.vote,
  },
  {
    name: 'retract vote',
    kind: 'write',
    request: (w) => ({ method: 'DELETE', path: `/v1/polls/${w.id}/vote` }),
    expect: expect.vote,
  },
  {
    name: 'close',
    kind: 'write',
    request: (w) => ({ method: 'POST', path: `/v1/polls/${w.id}/close` }),
    expect: expect.close,
  },
];

async function pollWorld(api: Api, groupId: string | null, createdBy: string): Promise<World> {
  const question = `Which secret triage rota ${unique()} do we keep?`;
  const options = [`Quiet option ${unique()}`, `Hushed option ${unique()}`];
  const poll = await api.createPoll({ question, options, groupId }, createdBy);
  // A company-wide poll is for everyone; a group's poll is as private as the (here private) group.
  const from = groupId === null ? [] : OUTSIDERS;
  return { id: poll.id, refs: {}, hidden: [question, ...options].map((text) => ({ text, from })) };
}

/** A post by u-priya in a fresh private group (member u-priya, admin u-lena), or by u-jonas company-wide. */
async function postWorld(api: Api, scope: 'private group' | 'company'): Promise<World> {
  const text = `Confidential case note ${unique()}`;
  const groupId = scope === 'company' ? null : (await groupWorld(api, 'private', 'request')).id;
  const as = scope === 'company' ? 'u-jonas' : 'u-priya';
  // Newest in the feed (posts of one instant are ordered by their random ids).
  api.clock.advance(1000);
  const response = await api.request('POST', '/v1/posts', { as, body: { body: text, groupId } });
  assert.equal(response.status, 201, await response.clone().text());
  const post = (await response.json()) as { id: string };
  return { id: post.id, refs: {}, hidden: [{ text, from: scope === 'company' ? [] : OUTSIDERS }] };
}

const postActions = (expect: {
  read: Record<Role, Outcome>;
  listed: Record<Role, Outcome>;
  engage: Record<Role, Outcome>;
  /** These posts are not announcements: whoever may see one gets 409 (nothing to acknowledge). */
  acknowledge: Record<Role, Outcome>;
  comment: Record<Role, Outcome>;
  edit: Record<Role, Outcome>;
  remove: Record<Role, Outcome>;
  hide: Record<Role, Outcome>;
  report: Record<Role, Outcome>;
}): Action[] => [
  { name: 'read', kind: 'read', request: (w) => ({ method: 'GET', path: `/v1/posts/${w.id}` }), expect: expect.read },
  {
    name: 'batch read',
    kind: 'batch',
    request: (w) => ({ method: 'GET', path: `/v1/posts?ids=${w.id}` }),
    expect: expect.listed,
  },
  {
    name: 'company feed',
    kind: 'batch',
    request: () => ({ method: 'GET', path: '/v1/feed?limit=50' }),
    expect: expect.listed,
  },
  {
    name: 'react',
    kind: 'write',
    request: (w) => ({ method: 'PUT', path: `/v1/posts/${w.id}/reactions/like` }),
    expect: expect.engage,
  },
  {
    name: 'acknowledge',
    kind: 'write',
    request: (w) => ({ method: 'POST', path: `/v1/posts/${w.id}/acknowledgements` }),
    expect: expect.acknowledge,
  },
  {
    name: 'comment',
    kind: 'write',
    request: (w) => ({ method: 'POST', path: `/v1/posts/${w.id}/comments`, body: { body: 'Thanks!' } }),
    expect: expect.comment,
  },
  {
    name: 'edit',
    kind: 'write',
    request: (w) => ({ method: 'PATCH', path: `/v1/posts/${w.id}`, body: { body: 'Edited' } }),
    expect: expect.edit,
  },
  {
    name: 'delete',
    kind: 'write',
    request: (w) => ({ method: 'DELETE', path: `/v1/posts/${w.id}` }),
    expect: expect.remove,
  },
  {
    name: 'hide (moderate)',
    kind: 'write',
    request: (w) => ({ method: 'POST', path: `/v1/posts/${w.id}/hide` }),
    expect: expect.hide,
  },
  {
    name: 'report',
    kind: 'write',
    request: (w) => ({ method: 'POST', path: `/v1/posts/${w.id}/reports`, body: { reason: 'spam' } }),
    expect: expect.report,
  },
];

/**
 * A question in a fresh private group (asked by its member u-priya) or company-wide (asked by u-jonas on a
 * topic without experts), with an answer by u-lena; `anonymous` asks it anonymously as a secret person.
 */
async function questionWorld(api: Api, scope: 'private group' | 'company' | 'anonymous'): Promise<World> {
  const title = `Secret sterilisation protocol ${unique()}?`;
  const groupId = scope === 'private group' ? (await groupWorld(api, 'private', 'request')).id : null;
  const secretAsker = `Ottilie Anonym ${unique()}`;
  const as =
    scope === 'private group' ? 'u-priya' : scope === 'company' ? 'u-jonas' : await createPerson(api, secretAsker);
  const asked = await api.request('POST', '/v1/questions', {
    as,
    body: { title, body: 'Details.', topic: 'matrix-checks', groupId, anonymous: scope === 'anonymous' },
  });
  assert.equal(asked.status, 201, await asked.clone().text());
  const id = ((await asked.json()) as { id: string }).id;
  const answered = await api.request('POST', `/v1/questions/${id}/answers`, { as: 'u-lena', body: { body: 'Do X.' } });
  assert.equal(answered.status, 201, await answered.clone().text());
  const answerId = ((await answered.json()) as { id: string }).id;
  const hidden =
    scope === 'private group'
      ? [{ text: title, from: OUTSIDERS }]
      : scope === 'anonymous'
        ? [{ text: secretAsker, from: ['anonymous', 'member', 'non-member', 'group admin'] as Role[] }]
        : [];
  return { id, refs: { answer: answerId, word: title.split(' ')[3]! }, hidden };
}

const questionActions = (expect: {
  read: Record<Role, Outcome>;
  listed: Record<Role, Outcome>;
  answer: Record<Role, Outcome>;
  accept: Record<Role, Outcome>;
}): Action[] => [
  {
    name: 'read',
    kind: 'read',
    request: (w) => ({ method: 'GET', path: `/v1/questions/${w.id}` }),
    expect: expect.read,
  },
  {
    name: 'batch read',
    kind: 'batch',
    request: (w) => ({ method: 'GET', path: `/v1/questions?ids=${w.id}` }),
    expect: expect.listed,
  },
  {
    name: 'similar-question search',
    kind: 'batch',
    request: (w) => ({ method: 'GET', path: `/v1/questions/similar?q=${encodeURIComponent(w.refs.word!)}` }),
    expect: expect.listed,
  },
  {
    name: 'answer',
    kind: 'write',
    request: (w) => ({ method: 'POST', path: `/v1/questions/${w.id}/answers`, body: { body: 'Me too.' } }),
    expect: expect.answer,
  },
  {
    name: 'accept an answer',
    kind: 'write',
    request: (w) => ({ method: 'POST', path: `/v1/questions/${w.id}/accept`, body: { answerId: w.refs.answer } }),
    expect: expect.accept,
  },
];

// Every row: row(anonymous, member, non-member, manager, group admin).
const RESOURCES: Resource[] = [
  {
    name: 'private group (request to join)',
    schema: 'group',
    setup: async (api) => {
      const world = await groupWorld(api, 'private', 'request');
      return {
        id: world.id,
        refs: { requester: world.requester },
        hidden: [
          { text: world.secretMember, from: OUTSIDERS },
          { text: 'Dr. Lena Vogt', from: OUTSIDERS },
          { text: world.requesterName, from: NOT_ADMINS },
        ],
      };
    },
    actions: [
      ...groupReads(
        row('reduced', 'full', 'reduced', 'reduced', 'full'),
        row('reduced', 'full', 'reduced', 'reduced', 'full'),
      ),
      ...groupActions({
        join: row(401, 200, 409, 409, 200),
        request: row(401, 200, 200, 200, 200),
        listRequests: row(401, 403, 404, 404, 200),
        decide: row(401, 403, 404, 404, 200),
      }),
    ],
  },
  {
    name: 'public group (open)',
    schema: 'group',
    setup: async (api) => {
      const world = await groupWorld(api, 'public', 'open');
      return {
        id: world.id,
        refs: { requester: world.requester },
        hidden: [{ text: world.requesterName, from: NOT_ADMINS }],
      };
    },
    actions: [
      ...groupReads(row('full', 'full', 'full', 'full', 'full'), row('full', 'full', 'full', 'full', 'full')),
      ...groupActions({
        join: row(401, 200, 200, 200, 200),
        request: row(401, 200, 409, 409, 200),
        listRequests: row(401, 403, 403, 403, 200),
        decide: row(401, 403, 403, 403, 200),
      }),
    ],
  },
  {
    name: 'poll in a private group (created by its admin)',
    schema: 'poll',
    setup: async (api) => pollWorld(api, (await groupWorld(api, 'private', 'request')).id, 'u-lena'),
    actions: pollActions({
      read: row(404, 'full', 404, 404, 'full'),
      batch: row('omitted', 'full', 'omitted', 'omitted', 'full'),
      vote: row(401, 200, 404, 404, 200),
      close: row(401, 403, 404, 404, 200),
    }),
  },
  {
    name: 'company-wide poll (created by someone else)',
    schema: 'poll',
    setup: (api) => pollWorld(api, null, 'u-jonas'),
    actions: pollActions({
      read: row('full', 'full', 'full', 'full', 'full'),
      batch: row('full', 'full', 'full', 'full', 'full'),
      vote: row(401, 200, 200, 200, 200),
      close: row(401, 403, 403, 200, 403),
    }),
  },
  {
    name: 'post in a private group (by a member)',
    schema: 'post',
    setup: (api) => postWorld(api, 'private group'),
    actions: postActions({
      read: row(404, 'full', 404, 404, 'full'),
      listed: row('omitted', 'full', 'omitted', 'omitted', 'full'),
      engage: row(401, 200, 404, 404, 200),
      acknowledge: row(401, 409, 404, 404, 409),
      comment: row(401, 201, 404, 404, 201),
      edit: row(401, 200, 404, 404, 403),
      remove: row(401, 200, 404, 404, 200),
      hide: row(401, 403, 404, 404, 200),
      // The member wrote the post: nobody reports their own.
      report: row(401, 403, 404, 404, 201),
    }),
  },
  {
    name: 'company-wide post (by someone else)',
    schema: 'post',
    setup: (api) => postWorld(api, 'company'),
    actions: postActions({
      read: row('full', 'full', 'full', 'full', 'full'),
      listed: row('full', 'full', 'full', 'full', 'full'),
      engage: row(401, 200, 200, 200, 200),
      acknowledge: row(401, 409, 409, 409, 409),
      comment: row(401, 201, 201, 201, 201),
      edit: row(401, 403, 403, 403, 403),
      remove: row(401, 403, 403, 200, 403),
      hide: row(401, 403, 403, 200, 403),
      report: row(401, 201, 201, 201, 201),
    }),
  },
  {
    name: 'question in a private group (by a member)',
    schema: 'question',
    setup: (api) => questionWorld(api, 'private group'),
    actions: questionActions({
      read: row(404, 'full', 404, 404, 'full'),
      listed: row('omitted', 'full', 'omitted', 'omitted', 'full'),
      answer: row(401, 201, 404, 404, 201),
      // The asker accepts; the admin wrote the answer and is no expert of the topic.
      accept: row(401, 200, 404, 404, 403),
    }),
  },
  {
    name: 'company-wide question (by someone else, topic without experts)',
    schema: 'question',
    setup: (api) => questionWorld(api, 'company'),
    actions: questionActions({
      read: row('full', 'full', 'full', 'full', 'full'),
      listed: row('full', 'full', 'full', 'full', 'full'),
      answer: row(401, 201, 201, 201, 201),
      accept: row(401, 403, 403, 403, 403),
    }),
  },
  {
    name: 'anonymous company-wide question (asker visible to managers only)',
    schema: 'question',
    setup: (api) => questionWorld(api, 'anonymous'),
    actions: questionActions({
      read: row('full', 'full', 'full', 'full', 'full'),
      listed: row('full', 'full', 'full', 'full', 'full'),
      answer: row(401, 201, 201, 201, 201),
      accept: row(401, 403, 403, 403, 403),
    }),
  },
];

describe(`authorisation matrix (${backend})`, () => {
  let api: Api;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  for (const resource of RESOURCES) {
    describe(resource.name, () => {
      for (const action of resource.actions) {
        it(action.name, async () => {
          const failures: string[] = [];
          for (const role of ROLES) {
            const world = await resource.setup(api);
            const { method, path, body } = action.request(world);
            const as = PLAYER[role];
            const response = await api.request(method, path, { ...(as ? { as } : {}), body });
            const text = await response.text();
            const cell = `${role}: ${method} ${path}`;
            const problem = checkOutcome(resource, action, world, action.expect[role], response.status, text);
            if (problem) failures.push(`${cell}: ${problem}`);
            for (const { text: secret, from } of world.hidden) {
              if (from.includes(role) && text.includes(secret)) failures.push(`${cell}: leaks "${secret}"`);
            }
          }
          assert.deepEqual(failures, []);
        });
      }
    });
  }

  it('names every role in every row', () => {
    for (const resource of RESOURCES) {
      for (const action of resource.actions) {
        assert.deepEqual(Object.keys(action.expect).sort(), [...ROLES].sort(), `${resource.name} / ${action.name}`);
      }
    }
  });
});

/** What is wrong with a response, or null when it is the expected outcome. */
function checkOutcome(
  resource: Resource,
  action: Action,
  world: World,
  expected: Outcome,
  status: number,
  text: string,
): string | null {
  if (typeof expected === 'number') {
    if (status !== expected) return `status ${status}, expected ${expected}`;
    if (status >= 400 && !z.safeParse(ErrorBody, JSON.parse(text)).success) return 'not the JSON error shape';
    return null;
  }
  if (status !== 200) return `status ${status}, expected 200 (${expected})`;
  const json: unknown = JSON.parse(text);
  let item: unknown;
  if (action.kind === 'batch') {
    const items = (json as { items?: unknown }).items;
    if (!Array.isArray(items)) return 'batch response has no items';
    item = (items as { id?: unknown }[]).find((entry) => entry.id === world.id);
    if (expected === 'omitted') return item === undefined ? null : 'listed, expected omitted';
    if (item === undefined) return `omitted, expected ${expected}`;
  } else {
    if (expected === 'omitted') return 'a single read cannot be omitted';
    item = json;
  }
  if (resource.schema !== 'group') {
    if (expected === 'reduced') return `${resource.schema}s have no reduced form`;
    const schema = { poll: Poll, post: Post, question: Question }[resource.schema];
    return z.safeParse(schema, item).success ? null : `${resource.schema} does not match the contract`;
  }
  const group = z.safeParse(Group, item);
  if (!group.success) return 'group does not match the contract';
  const reduced = group.data.members === null && group.data.admins === null && !group.data.contentVisible;
  const full = group.data.members !== null && group.data.admins !== null && group.data.contentVisible;
  if (expected === 'reduced' && !reduced) return 'full group, expected the reduced form';
  if (expected === 'full' && !full) return 'reduced group, expected the full form';
  return null;
}
