import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import * as contract from '@plaza/contract';
import * as checks from '@plaza/contract/checks';
import { CheckError, safeCheck, type Check } from '@plaza/contract/checks';
import { nestedItemSchema } from '../src/rich-text.ts';
import { outOfDate, type Schema } from '../scripts/generate-checks.ts';

/** mulberry32: the same values on every run, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

const PATTERNED = ['https://intranet.example/wiki?x=1', 'mailto:sam@example.com', 'http://x', 'solar-panels', 'a1'];
const CHARACTERS = 'abcdefghijklmnopqrstuvwxyzäöüß ABCDEFGHIJ0123456789-_😀\n';

/** A value the schema should accept (near its bounds now and then). */
function sample(schema: Schema, rng: Rng, depth = 0): unknown {
  const def = schema._zod.def;
  const nested = nestedItemSchema(schema as never) as Schema | undefined;
  if (nested) return depth > 3 ? [] : Array.from({ length: between(rng, 0, 2) }, () => sample(nested, rng, depth + 1));
  switch (def.type) {
    case 'string': {
      if (def.format === 'datetime') {
        const iso = new Date(between(rng, 0, 4_000_000_000_000)).toISOString();
        return pick(rng, [iso, iso.replace('Z', '+02:00'), iso.replace(/\.\d+Z$/, 'Z')]);
      }
      let min = 0;
      let max = 40;
      let pattern: RegExp | undefined;
      for (const check of def.checks ?? []) {
        const c = check._zod.def;
        if (c.check === 'min_length') min = c.minimum!;
        if (c.check === 'max_length') max = c.maximum!;
        if (c.check === 'string_format') pattern = c.pattern;
      }
      if (pattern) return PATTERNED.find((text) => pattern.test(text) && text.length <= max) ?? 'a';
      const length = pick(rng, [min, Math.min(max, min + 40), max, between(rng, min, Math.min(max, min + 40))]);
      let text = '';
      while (text.length < Math.min(length, 60)) text += pick(rng, [...CHARACTERS]);
      text = text.padEnd(length, 'x');
      return text.length > length ? text.slice(0, -2) + 'x' : text;
    }
    case 'number': {
      let min = -5;
      let max = 1000;
      for (const check of def.checks ?? []) {
        const c = check._zod.def;
        if (c.check === 'greater_than') min = c.value!;
        if (c.check === 'less_than') max = c.value!;
      }
      return pick(rng, [min, max, between(rng, min, max)]);
    }
    case 'boolean':
      return rng() < 0.5;
    case 'literal':
      return pick(rng, def.values!);
    case 'enum':
      return pick(rng, Object.values(def.entries!));
    case 'nullable':
      return rng() < 0.25 ? null : sample(def.innerType!, rng, depth);
    case 'optional':
    case 'default':
      return rng() < 0.3 ? undefined : sample(def.innerType!, rng, depth);
    case 'array': {
      let min = 0;
      let max = 3;
      for (const check of def.checks ?? []) {
        const c = check._zod.def;
        if (c.check === 'min_length') min = c.minimum!;
        if (c.check === 'max_length') max = Math.min(c.maximum!, min + 3);
      }
      const length = depth > 4 ? min : between(rng, min, max);
      return Array.from({ length }, () => sample(def.element!, rng, depth + 1));
    }
    case 'record':
      return Object.fromEntries(
        Array.from({ length: between(rng, 0, 3) }, (_, i) => [`key${i}`, sample(def.valueType!, rng, depth + 1)]),
      );
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape!)) {
        const item = sample(field, rng, depth + 1);
        if (item !== undefined || rng() < 0.2) value[key] = item;
      }
      return value;
    }
    case 'union':
      return sample(pick(rng, def.options!), rng, depth + 1);
    default:
      throw new Error(`no sample for a ${def.type}`);
  }
}

const REPLACEMENTS: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  2 ** 53,
  Number.NaN,
  Infinity,
  '',
  'bogus',
  'x'.repeat(5001),
  true,
  [],
  {},
  [null],
  '2026-11-23T08:00:00',
  '2026-02-30T08:00:00Z',
  '2026-11-23T08:00:00+0200',
  'javascript:alert(1)',
  'Solar Panels',
  'constructor',
  'toString',
  '__proto__',
];

/** Every place in a value: [parent, key] pairs (the root as [holder, 'root']). */
function places(
  value: unknown,
  parent: Record<string | number, unknown>,
  key: string | number,
  out: [Record<string | number, unknown>, string | number][],
) {
  out.push([parent, key]);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value))
      places(v, value as Record<string, unknown>, Array.isArray(value) ? Number(k) : k, out);
  }
  return out;
}

/** The value with one place changed: replaced, removed, or given an extra key. */
function mutate(value: unknown, rng: Rng): unknown {
  const holder: Record<string, unknown> = { root: structuredClone(value) };
  const all = places(holder.root, holder, 'root', []);
  const [parent, key] = pick(rng, all);
  const roll = rng();
  if (roll < 0.15 && key !== 'root' && !Array.isArray(parent)) delete parent[key];
  else if (roll < 0.25 && parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key]))
    (parent[key] as Record<string, unknown>).extra = 'unknown key';
  else if (roll < 0.35 && Array.isArray(parent[key])) (parent[key] as unknown[]).push(...(parent[key] as unknown[]), 1);
  else if (roll < 0.5 && typeof parent[key] === 'string') parent[key] += pick(rng, ['x', '😀', ' ']);
  else if (roll < 0.6 && typeof parent[key] === 'string') parent[key] = (parent[key] as string).slice(0, -1);
  else if (roll < 0.65 && typeof parent[key] === 'number') parent[key] = (parent[key] as number) + pick(rng, [-1, 1]);
  else if (roll < 0.7 && Array.isArray(parent[key])) (parent[key] as unknown[]).pop();
  else parent[key] = pick(rng, REPLACEMENTS);
  return holder.root;
}

const compiled = (Object.entries(checks) as [string, unknown][]).filter(
  (entry): entry is [string, Check<unknown>] =>
    typeof entry[1] === 'function' && entry[0] !== 'safeCheck' && entry[1] !== CheckError,
);

describe('compiled checks (@plaza/contract/checks)', () => {
  it('are up to date with the zod schemas', () => {
    assert.deepEqual(
      outOfDate(),
      { stale: [], extra: [] },
      'run node --import tsx packages/contract/scripts/generate-checks.ts',
    );
  });

  it('cover every response the SDK reads', () => {
    const needed = [
      'Poll',
      'PollList',
      'User',
      'Group',
      'GroupList',
      'GroupRequestList',
      'UserSearchResult',
      'ErrorBody',
    ];
    needed.push('RealtimeEvent', 'Post', 'PostList', 'FeedPage', 'Comment', 'CommentPage', 'Deleted', 'Report');
    needed.push('FileInfo', 'ModerationQueue', 'Answer', 'ExpertList', 'QuestionPage', 'QuestionWithAnswers');
    needed.push('SimilarQuestions');
    for (const name of needed)
      assert.ok(
        compiled.some(([n]) => n === name),
        name,
      );
  });

  for (const [name, check] of compiled) {
    it(`${name}: accepts and refuses exactly what zod does, with the same output`, () => {
      const schema = (contract as unknown as Record<string, z.ZodMiniType>)[name]!;
      const rng = random([...name].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7) | 0);
      let accepted = 0;
      const rounds = 120;
      for (let round = 0; round < rounds; round++) {
        const valid = sample(schema as unknown as Schema, rng);
        for (const value of [valid, mutate(valid, rng), mutate(valid, rng), mutate(mutate(valid, rng), rng)]) {
          const expected = z.safeParse(schema, value);
          const actual = safeCheck(check, value);
          const shown = JSON.stringify(value)?.slice(0, 400);
          assert.equal(
            actual.success,
            expected.success,
            `${name} ${expected.success ? 'refused' : 'accepted'} ${shown}`,
          );
          if (expected.success && actual.success)
            assert.deepStrictEqual(actual.data, expected.data, `${name} output of ${shown}`);
        }
        if (z.safeParse(schema, valid).success) accepted++;
      }
      // The generated values must mostly be valid, or the comparison above would only ever see refusals.
      assert.ok(accepted >= rounds * 0.8, `${name}: only ${accepted} of ${rounds} generated values were valid`);
    });
  }

  it('name the first field that does not fit', () => {
    const poll = { id: 'p1', question: 'Lunch?', options: [{ id: 'a', label: '', votes: null, voters: null }] };
    assert.throws(
      () => checks.Poll(poll),
      (error: unknown) => error instanceof CheckError && error.path.join('.') === 'options.0.label',
    );
    assert.deepEqual(safeCheck(checks.Id, 42), { success: false });
  });

  it('copy objects without their unknown keys and fill defaults, as zod does', () => {
    const input = { id: 'u1', name: 'Sam', avatarUrl: null, title: null, secret: 'x' };
    const output = checks.UserRef(input);
    assert.deepEqual(output, { id: 'u1', name: 'Sam', avatarUrl: null, title: null });
    assert.notEqual(output, input);
    assert.deepEqual(checks.AnnouncementInput({}), {
      pinned: false,
      urgent: false,
      expiresAt: null,
      ackRequired: false,
    });
  });

  it('check rich text to any depth without rebuilding nested nodes (as the zod refinement does)', () => {
    const deep = {
      type: 'strong',
      children: [{ type: 'emphasis', children: [{ type: 'text', text: 'x', extra: 1 }] }],
    };
    const node = checks.InlineNodeSchema(deep);
    assert.equal((node as typeof deep).children, deep.children);
    const bad = {
      type: 'strong',
      children: [{ type: 'emphasis', children: [{ type: 'link', href: 'javascript:x', children: [] }] }],
    };
    assert.equal(safeCheck(checks.InlineNodeSchema, bad).success, false);
    assert.equal(z.safeParse(contract.InlineNodeSchema, bad).success, false);
  });
});
