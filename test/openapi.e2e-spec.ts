import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES } from '../src/common/errors/error-codes.js';
import { openApiDocument } from '../src/configure-app.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const COMMITTED = join(import.meta.dirname, '..', 'openapi.json');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The OpenAPI document is a product: committed, reviewed, and checked here on every run. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    t = await createTestApp();
    document = JSON.parse(JSON.stringify(openApiDocument(t.app)));
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method]! })),
    );

  it('matches the committed openapi.json (run `npm run openapi:write` after changing the API)', async () => {
    const serialized = `${JSON.stringify(document, null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI) await writeFile(COMMITTED, serialized);
    expect(JSON.parse(await readFile(COMMITTED, 'utf8'))).toEqual(document);
  });

  it('is served at /docs-json, with Swagger UI at /docs', async () => {
    const json = await t.api.get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    const ui = await t.api.get('/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('gives every operation a unique camelCase operationId, a tag, a summary and its errors', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect([where, operation.operationId]).toEqual([where, expect.stringMatching(/^[a-z][a-zA-Z0-9]+$/)]);
      expect([where, operation.tags?.length]).toEqual([where, 1]);
      expect([where, Boolean(operation.summary)]).toEqual([where, true]);
      const statuses = Object.keys(operation.responses);
      expect([where, statuses.some((status) => status.startsWith('2'))]).toEqual([where, true]);
    }
  });

  it('marks every route except sign-in, health and secret calendar feeds as needing a bearer token', () => {
    for (const { path, method, operation } of operations()) {
      // A calendar feed's secret is its URL: calendar apps cannot send headers.
      const isFeed = path.startsWith('/api/events/feed/');
      const isPublic = (path.startsWith('/api/auth/') && !path.endsWith('/resend') && path !== '/api/auth/me') || path.startsWith('/health') || isFeed;
      const where = `${method.toUpperCase()} ${path}`;
      // A requirement list with an empty entry ({}) makes the token optional.
      const needsToken = Boolean(operation.security?.length) && !operation.security!.some((entry) => Object.keys(entry).length === 0);
      expect([where, needsToken]).toEqual([where, !isPublic]);
      if (!isPublic) expect([where, Object.keys(operation.responses)]).toEqual([where, expect.arrayContaining(['401'])]);
    }
  });

  it('publishes the error catalog as an enum, and gives every error response its codes and a true example', () => {
    const schemas = document.components?.schemas as Record<string, { enum?: string[] }>;
    expect(schemas.ErrorCode.enum?.slice().sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses) as [string, Record<string, any>][]) {
        const where = `${method.toUpperCase()} ${path} ${status}`;
        expect([where, response.headers?.['x-request-id']]).toEqual([where, expect.anything()]);
        if (Number(status) < 400) continue;
        const codes: string[] = response['x-error-codes'];
        const example = response.content['application/json'].example;
        expect([where, codes.every((code) => ERROR_CODES[code as keyof typeof ERROR_CODES].status === Number(status))]).toEqual([where, true]);
        expect([where, example.statusCode, codes.includes(example.code)]).toEqual([where, Number(status), true]);
      }
    }
  });

  it('keeps every property optional in update bodies and every nullable property typed', () => {
    const schemas = document.components?.schemas as Record<string, { required?: string[]; properties?: Record<string, any> }>;
    for (const [name, schema] of Object.entries(schemas)) {
      for (const [property, definition] of Object.entries(schema.properties ?? {})) {
        expect([name, property, 'default' in definition && /^(Create|Update)/.test(name)]).toEqual([name, property, false]);
        if (definition.nullable) expect([name, property, Boolean(definition.type)]).toEqual([name, property, true]);
      }
      // A comment edit replaces its one field; every record update is partial.
      if (name.startsWith('Update') && name !== 'UpdateCommentDto') expect([name, schema.required ?? []]).toEqual([name, []]);
    }
  });

  it('requires the bearer token and the organization header together, or a server key, on every org-scoped route', () => {
    const userScoped = new Set(['/api/org']);
    const schemes = document.components?.securitySchemes ?? {};
    expect(schemes.organization).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'organization-id' }));
    for (const { path, method, operation } of operations()) {
      const byApiKey = operation.security?.some((scheme) => 'apikey' in scheme);
      const bySecretUrl = path.startsWith('/api/events/feed/');
      if (!path.startsWith('/api/') || path.startsWith('/api/auth/') || userScoped.has(path) || byApiKey || bySecretUrl) continue;
      expect([`${method} ${path}`, operation.security]).toEqual([`${method} ${path}`, [{ bearer: [], organization: [] }, { serverKey: [] }]]);
    }
  });
});
