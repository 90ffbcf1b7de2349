import { createTestApp, type TestApp } from './support/test-app.js';

/** A browser app on another origin, and Swagger UI served under any hostname over plain HTTP. */
describe('browser clients', () => {
  let t: TestApp;
  const origin = 'https://app.example';
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: origin });
  });
  afterAll(() => t.close());

  const preflight = (method: string, from = origin) =>
    t.app.inject({
      method: 'OPTIONS',
      url: '/api/accounts/3f2b8f9e-6d4c-4c1e-9a57-2f0e8d1b7c55/',
      headers: {
        origin: from,
        'access-control-request-method': method,
        'access-control-request-headers': 'authorization, content-type, organization-id, x-request-id',
      },
    });

  it.each(['PUT', 'DELETE'])('lets an allowed origin %s, with the headers the API needs, and caches the answer', async (method) => {
    const res = await preflight(method);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(String(res.headers['access-control-allow-methods']).split(',').map((value) => value.trim())).toEqual(expect.arrayContaining([method]));
    const allowed = String(res.headers['access-control-allow-headers']).split(',').map((value) => value.trim());
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'organization-id', 'x-request-id']));
    expect(res.headers['access-control-max-age']).toBe('7200');
  });

  it('gives another origin nothing', async () => {
    const res = await preflight('PUT', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets the allowed origin read x-request-id and Retry-After', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health', headers: { origin } });
    const exposed = String(res.headers['access-control-expose-headers']).split(',').map((value) => value.trim());
    expect(exposed).toEqual(expect.arrayContaining(['x-request-id', 'retry-after']));
  });

  it('serves Swagger UI under any hostname without forcing https on its assets', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs', headers: { host: 'crm.internal:3000' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});
