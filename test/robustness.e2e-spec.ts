import type { OpenAPIObject } from '@nestjs/swagger';
import { openApiDocument } from '../src/configure-app.js';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Values of every wrong shape, for every field a body or query may carry. */
const HOSTILE: unknown[] = [
  null,
  '',
  ' ',
  'x'.repeat(5000),
  -1,
  1e308,
  '1e400',
  '99999999999999999999999',
  true,
  [],
  ['x'],
  [null],
  {},
  { nested: { deep: [1] } },
  '\u0000',
  "'; DROP TABLE users; --",
  '%_\\',
  'not-a-uuid',
  '2023-02-30T25:61:00Z',
];

/**
 * Walks the OpenAPI document and sends hostile input to every route: whatever a client sends,
 * the answer is a 4xx (or a success), never a 500.
 */
describe('no route answers bad input with a 500', () => {
  let t: TestApp;
  let cast: Cast;
  let document: OpenAPIObject;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    document = openApiDocument(t.app);
  });
  afterAll(() => t.close());

  function bodyFields(operation: { requestBody?: unknown }): string[] {
    const ref = (operation.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)
      ?.content?.['application/json']?.schema?.$ref;
    if (!ref) return [];
    const schema = document.components?.schemas?.[ref.split('/').pop()!] as { properties?: object } | undefined;
    return Object.keys(schema?.properties ?? {});
  }

  it('survives hostile bodies, queries and ids on every operation', async () => {
    const failures: string[] = [];
    const caller = as(cast, 'admin');
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of ['get', 'post', 'put', 'delete'] as const) {
        const operation = item[method];
        if (!operation) continue;
        const urls = path.includes('{') ? ['not-a-uuid', '00000000-0000-0000-0000-000000000000'].map((id) =>
          path.replace(/\{[^}]+\}/g, id),
        ) : [path];
        const queryNames = (operation.parameters ?? []).flatMap((p) => ('in' in p && p.in === 'query' ? [p.name] : []));
        const fields = bodyFields(operation);
        for (const url of urls) {
          for (const value of HOSTILE) {
            const query = queryNames.map((name) => `${name}=${encodeURIComponent(String(value))}`).join('&');
            const body = Object.fromEntries(fields.map((field) => [field, value]));
            const res = await t.api.request(method.toUpperCase() as Method, query ? `${url}?${query}` : url, {
              ...caller,
              ...(method === 'get' || method === 'delete' ? {} : { body }),
            });
            if (res.status >= 500) failures.push(`${method.toUpperCase()} ${url} ${JSON.stringify(value)} -> ${res.status}`);
          }
          for (const raw of ['[]', '"text"', '42', 'null', '{"a":']) {
            if (method === 'get' || method === 'delete') continue;
            const res = await t.api.request(method.toUpperCase() as Method, url, {
              ...caller,
              body: raw,
              headers: { 'content-type': 'application/json' },
            });
            if (res.status >= 500) failures.push(`${method.toUpperCase()} ${url} body ${raw} -> ${res.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
