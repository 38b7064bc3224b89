import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_ROUTES, buildOpenApi } from '@plaza/contract';
import { createApp, type Db } from '../src/index.ts';
import { seededApi } from './helpers.ts';

/** The OpenAPI route needs no database; any query would be a bug. */
const noDb: Db = {
  query: () => Promise.reject(new Error('no database in this test')),
  exec: () => Promise.reject(new Error('no database in this test')),
  transaction: () => Promise.reject(new Error('no database in this test')),
  close: () => Promise.resolve(),
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Operation {
  operationId?: unknown;
  parameters?: { name?: unknown; in?: unknown; required?: unknown; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: unknown; content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, unknown>[];
}

interface Document {
  openapi?: unknown;
  info?: { title?: unknown; version?: unknown };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  security?: Record<string, unknown>[];
}

/** Every `$ref` and `nullable` anywhere in the document. */
function walk(
  node: unknown,
  refs: string[] = [],
  nullables: string[] = [],
  at = '#',
): { refs: string[]; nullables: string[] } {
  if (Array.isArray(node)) node.forEach((item, index) => walk(item, refs, nullables, `${at}/${index}`));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      if (key === 'nullable') nullables.push(at);
      walk(value, refs, nullables, `${at}/${key}`);
    }
  }
  return { refs, nullables };
}

function resolvePointer(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      doc,
    );
}

describe('OpenAPI', () => {
  const app = createApp({ db: noDb, authMode: 'dev' });

  it('documents every status a write answers before its handler runs (bad key, huge body)', async () => {
    const api = await seededApi();
    try {
      const doc = buildOpenApi() as Document;
      const writes = API_ROUTES.filter((route) => route.method !== 'get');
      assert.ok(writes.length >= 20, `${writes.length} writes`);
      for (const route of writes) {
        const path = route.path.replace(/\{\w+\}/g, 'x');
        const documented = Object.keys(doc.paths?.[route.path]?.[route.method]?.responses ?? {});
        const where = `${route.method} ${route.path}`;
        const badKey = await api.request(route.method.toUpperCase(), path, {
          as: 'u-sam',
          body: {},
          idempotencyKey: 'k'.repeat(300),
        });
        assert.equal(badKey.status, 400, `${where}: an invalid Idempotency-Key`);
        const huge = await api.request(route.method.toUpperCase(), path, { as: 'u-sam', rawBody: 'x'.repeat(70_000) });
        // Uploads take up to 5 MB; what they say to 70 KB that is not an image must be documented too.
        if (route.path !== '/v1/files') assert.equal(huge.status, 413, `${where}: a body over 64 KB`);
        for (const status of [badKey.status, huge.status, 409, 422]) {
          assert.ok(documented.includes(String(status)), `${where} documents ${status} (has ${documented.join(', ')})`);
        }
      }
    } finally {
      await api.close();
    }
  });

  it('serves the contract’s document at /v1/openapi.json', async () => {
    const response = await app.request('/v1/openapi.json');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type') ?? '', /application\/json/);
    assert.deepEqual(await response.json(), JSON.parse(JSON.stringify(buildOpenApi())));
  });

  it('lists exactly the /v1 routes the app mounts', () => {
    const mounted = app.routes
      .filter((route) => ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].includes(route.method))
      .filter(
        (route) =>
          route.path.startsWith('/v1/') && !route.path.startsWith('/v1/dev/') && route.path !== '/v1/openapi.json',
      )
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = API_ROUTES.map((route) => `${route.method} ${route.path}`);
    assert.deepEqual([...new Set(mounted)].sort(), documented.sort());
    assert.equal(mounted.length, new Set(mounted).size, 'no route mounted twice');
  });

  it('is a well-formed OpenAPI 3.1 document', async () => {
    const doc = (await (await app.request('/v1/openapi.json')).json()) as Document;
    assert.match(String(doc.openapi), /^3\.1\.\d+$/);
    assert.equal(typeof doc.info?.title, 'string');
    assert.equal(typeof doc.info?.version, 'string');
    const schemes = doc.components?.securitySchemes ?? {};
    const checkSecurity = (requirements: Record<string, unknown>[] | undefined, where: string) => {
      for (const requirement of requirements ?? []) {
        for (const name of Object.keys(requirement)) assert.ok(schemes[name], `${where}: security scheme ${name}`);
      }
    };
    checkSecurity(doc.security, 'root');

    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      assert.match(path, /^\//);
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method} ${path}`;
        assert.ok(HTTP_METHODS.includes(method), where);
        assert.equal(typeof operation.operationId, 'string', where);
        assert.ok(!operationIds.has(String(operation.operationId)), `${where}: unique operationId`);
        operationIds.add(String(operation.operationId));

        for (const parameter of operation.parameters ?? []) {
          assert.equal(typeof parameter.name, 'string', where);
          assert.ok(['query', 'header', 'path', 'cookie'].includes(String(parameter.in)), where);
          assert.ok(parameter.schema, `${where}: parameter ${String(parameter.name)} has a schema`);
        }
        for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
          const declared = operation.parameters?.find(
            (parameter) => parameter.in === 'path' && parameter.name === name,
          );
          assert.equal(declared?.required, true, `${where}: path parameter ${name}`);
        }
        if (operation.requestBody) {
          assert.ok(operation.requestBody.content?.['application/json']?.schema, `${where}: body schema`);
        }
        const responses = Object.entries(operation.responses ?? {});
        assert.ok(responses.length > 0, `${where}: responses`);
        for (const [status, response] of responses) {
          assert.match(status, /^[1-5]\d\d$|^default$/, where);
          assert.equal(typeof response.description, 'string', `${where} ${status}: description`);
          for (const media of Object.values(response.content ?? {}))
            assert.ok(media.schema, `${where} ${status}: schema`);
        }
        checkSecurity(operation.security, where);
      }
    }

    const { refs, nullables } = walk(doc);
    for (const ref of refs) {
      assert.match(ref, /^#\//, `${ref} is local`);
      assert.ok(resolvePointer(doc, ref) !== undefined, `${ref} resolves`);
    }
    assert.deepEqual(nullables, [], 'OpenAPI 3.1 spells nullable with type: [..., "null"], not `nullable`');
  });
});
