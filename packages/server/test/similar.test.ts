import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { ErrorBody, SimilarQuestions } from '@plaza/contract';
import { backend, seededApi } from './helpers.ts';

describe(`similar questions (${backend})`, () => {
  let api: Awaited<ReturnType<typeof seededApi>>;
  before(async () => {
    api = await seededApi();
  });
  after(() => api.close());

  const similar = async (query: Record<string, string>, as?: string) => {
    const response = await api.get(`/v1/questions/similar?${new URLSearchParams(query).toString()}`, as ? { as } : {});
    assert.equal(response.status, 200);
    return z.parse(SimilarQuestions, await response.json()).items.map((item) => item.id);
  };

  it('stems German: "Wechselrichter" finds a question that only says "Wechselrichters", and the other way round', async () => {
    const found = await similar({ q: 'Wechselrichter' });
    assert.ok(found.includes('q-display-dunkel'), `found ${found.join(', ')}`);
    assert.ok(found.includes('q-wechselrichter-301'));
    assert.ok((await similar({ q: 'Wechselrichters' })).includes('q-wechselrichter-301'));
  });

  it('finds German questions from a typed draft, best match first', async () => {
    const found = await similar({ q: 'Fehler 301 am Wechselrichter nach Gewitter' });
    assert.equal(found[0], 'q-wechselrichter-301');
  });

  it('stems English: "printers" finds "printer", "printing" finds "prints", "disconnecting" finds "disconnects"', async () => {
    assert.ok((await similar({ q: 'printers' })).includes('q-printer-blank'));
    assert.ok((await similar({ q: 'printing' })).includes('q-printer-blank'));
    assert.ok((await similar({ q: 'VPN keeps disconnecting' })).includes('q-vpn-drops'));
    assert.equal((await similar({ q: 'VPN keeps disconnecting at home' }))[0], 'q-vpn-drops');
  });

  it('takes a half-typed last word as a prefix, but only at the end of the draft', async () => {
    assert.ok((await similar({ q: 'Display Wechselr' })).includes('q-wechselrichter-301'));
    assert.deepEqual(await similar({ q: 'disconn' }), ['q-vpn-drops']);
    assert.deepEqual(await similar({ q: 'disconn ' }), [], 'a finished word is no prefix');
    assert.ok(!(await similar({ q: 'Wechselr Display' })).includes('q-wechselrichter-301'));
  });

  it('matches any word of the draft (OR), not all of them', async () => {
    assert.ok((await similar({ q: 'zebra printer quantum' })).includes('q-printer-blank'));
  });

  it('filters by topic and returns at most `limit` matches', async () => {
    assert.deepEqual(await similar({ q: 'Wechselrichter', topic: 'it-help' }), []);
    assert.ok((await similar({ q: 'Wechselrichter', topic: 'solar' })).length >= 2);
    assert.equal((await similar({ q: 'Wechselrichter', limit: '1' })).length, 1);
  });

  it('never shows a private group’s question to non-members', async () => {
    assert.deepEqual(await similar({ q: 'lactate GDV surgery' }, 'u-sam'), []);
    assert.deepEqual(await similar({ q: 'lactate GDV surgery' }, 'u-alex'), []);
    assert.deepEqual(await similar({ q: 'lactate GDV surgery' }), []);
    assert.deepEqual(await similar({ q: 'lactate GDV surgery' }, 'u-priya'), ['q-gdv-lactate']);
  });

  it('cuts the draft at 1,000 characters instead of refusing it', async () => {
    assert.deepEqual(await similar({ q: `${'x '.repeat(500)}Wechselrichter` }), []);
    assert.ok((await similar({ q: `Wechselrichter ${'x '.repeat(600)}` })).includes('q-wechselrichter-301'));
  });

  it('answers 200 (or 400 for a bad limit/topic) to hostile and odd input, never 500', async () => {
    const hostile = [
      '',
      '   ',
      '"',
      "'",
      '""""',
      "o'reilly's printer",
      '&',
      '|',
      '!',
      ':*',
      'a & b | !c',
      'printer:*',
      'print:* & !blank',
      '(((',
      ')) OR 1=1 --',
      '<-> <2> <->',
      'wechsel <-> richter',
      '\\',
      '\\\\x00',
      '%',
      '*',
      'ä ö ü ß Ä Ö Ü',
      'Übergrößenträger für Wechselrichter-Montage',
      'Wechselrichter\u0308',
      '🔥🔥🔥 printer 🖨️',
      '\u0000',
      'printer\u0000blank',
      'SELECT * FROM questions; DROP TABLE questions; --',
      '<script>alert(1)</script>',
      'the and of a',
      'der die das und',
      'x'.repeat(1000),
      'y'.repeat(5000),
      'Wechselrichter '.repeat(300),
      Array.from({ length: 200 }, (_, index) => `word${index}`).join(' '),
      '١٢٣ 中文 日本語 한국어 עברית',
      '\t\n\r',
    ];
    for (const q of hostile) {
      const response = await api.get(`/v1/questions/similar?q=${encodeURIComponent(q)}`, { as: 'u-sam' });
      assert.equal(response.status, 200, `q=${JSON.stringify(q.slice(0, 40))}`);
      z.parse(SimilarQuestions, await response.json());
    }
    for (const raw of ['q=%E0%A4%A', 'q=%ED%A0%80', 'q=%FF%FE', 'q=a&q=b', 'q', '']) {
      const response = await api.get(`/v1/questions/similar?${raw}`);
      assert.equal(response.status, 200, raw);
    }
    for (const raw of ['q=printer&limit=0', 'q=printer&limit=x', 'q=printer&limit=21', 'q=printer&topic=%22%27']) {
      const response = await api.get(`/v1/questions/similar?${raw}`);
      assert.equal(response.status, 400, raw);
      assert.equal(z.parse(ErrorBody, await response.json()).error.code, 'validation_failed');
    }
    // Still healthy afterwards.
    assert.ok((await similar({ q: 'printer' })).includes('q-printer-blank'));
  });
});
