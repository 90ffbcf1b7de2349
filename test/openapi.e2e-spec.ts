import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../src/common/openapi/openapi.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const COMMITTED = join(import.meta.dirname, '..', 'openapi.json');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The OpenAPI document is a product: committed, reviewed, and checked here on every run. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    t = await createTestApp();
    document = JSON.parse(JSON.stringify(buildOpenApiDocument(t.app)));
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

  it('marks every route except sign-in and health as needing a bearer token', () => {
    for (const { path, method, operation } of operations()) {
      const isPublic = (path.startsWith('/api/auth/') && !path.endsWith('/resend')) || path.startsWith('/health');
      const where = `${method.toUpperCase()} ${path}`;
      // A requirement list with an empty entry ({}) makes the token optional.
      const needsToken = Boolean(operation.security?.length) && !operation.security!.some((entry) => Object.keys(entry).length === 0);
      expect([where, needsToken]).toEqual([where, !isPublic]);
      if (!isPublic) expect([where, Object.keys(operation.responses)]).toEqual([where, expect.arrayContaining(['401'])]);
    }
  });

  it('declares the organization header on every org-scoped route', () => {
    const userScoped = new Set(['/api/org']);
    for (const { path, method, operation } of operations()) {
      const byApiKey = operation.security?.some((scheme) => 'apikey' in scheme);
      if (!path.startsWith('/api/') || path.startsWith('/api/auth/') || userScoped.has(path) || byApiKey) continue;
      const names = (operation.parameters ?? []).map((parameter) => ('name' in parameter ? parameter.name : ''));
      expect([`${method} ${path}`, names]).toEqual([`${method} ${path}`, expect.arrayContaining(['organization-id'])]);
    }
  });
});
