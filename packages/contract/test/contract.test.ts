import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { API_ROUTES, buildOpenApi, CreatePollRequest, ErrorBody, Poll, VoteRequest } from '@plaza/contract';

describe('schemas', () => {
  it('trims and defaults a poll to create', () => {
    const parsed = z.parse(CreatePollRequest, { question: '  Lunch?  ', options: ['Pizza', ' Salad '] });
    assert.equal(parsed.question, 'Lunch?');
    assert.deepEqual(parsed.options, ['Pizza', 'Salad']);
    assert.equal(parsed.multiple, false);
    assert.equal(parsed.resultsVisibility, 'always');
  });

  it('refuses fewer than two options, blank options and over-long questions, naming the field', () => {
    const result = z.safeParse(CreatePollRequest, { question: 'x'.repeat(301), options: ['  '] });
    assert.equal(result.success, false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    assert.ok(paths.includes('question'));
    assert.ok(paths.includes('options') || paths.includes('options.0'));
  });

  it('refuses an empty ballot', () => {
    assert.equal(z.safeParse(VoteRequest, { optionIds: [] }).success, false);
  });

  it('refuses a poll whose closesAt is not an ISO timestamp', () => {
    const result = z.safeParse(Poll, { closesAt: 'tomorrow' });
    assert.equal(result.success, false);
  });

  it('accepts the error shape with field messages', () => {
    const body = { error: { code: 'validation_failed', message: 'Invalid', fields: { question: ['Too long'] } } };
    assert.equal(z.safeParse(ErrorBody, body).success, true);
    assert.equal(z.safeParse(ErrorBody, { error: { code: 'teapot', message: 'x' } }).success, false);
  });
});

describe('OpenAPI', () => {
  const doc = buildOpenApi() as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };

  it('is OpenAPI 3.1 with one operation per contract route', () => {
    assert.equal(doc.openapi, '3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    assert.deepEqual(operations.sort(), API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('documents the error shape on every operation and 401 on the signed-in ones', () => {
    for (const route of API_ROUTES) {
      const operation = doc.paths[route.path]![route.method]!;
      assert.ok(operation.responses['500'], `${route.operationId} documents 500`);
      assert.equal(Boolean(operation.responses['401']), route.auth, `${route.operationId} 401`);
    }
    assert.ok(doc.components.schemas.Error);
  });

  it('has unique operation ids', () => {
    const ids = API_ROUTES.map((r) => r.operationId);
    assert.equal(new Set(ids).size, ids.length);
  });
});
