import { quickTour, syncWorker } from '../client/usage.js';
import { CrmApiError, createCrmClient, ok } from '../client/sdk.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The typed SDK in client/, over real HTTP against the app: the README's flow, and typed errors. */
describe('the TypeScript SDK', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
  });
  afterAll(() => t.close());

  it('signs in, picks an organization, creates, updates, comments and pages through records', async () => {
    const member = await t.api.signUp('sdk');
    const names = await quickTour(baseUrl, member.email, member.password);
    expect(names).toContain('Printer on fire');
    expect(names).not.toContain('ACME Corporation'); // closed by the tour, so not among the open accounts
  });

  it('surfaces errors as CrmApiError with the stable code', async () => {
    const crm = createCrmClient({ baseUrl });
    const failure = await ok(crm.api.GET('/api/org')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CrmApiError);
    expect((failure as CrmApiError).status).toBe(401);
    expect((failure as CrmApiError).code).toBe('TOKEN_MISSING');
  });

  it('works as a server with an API key, no sign-in and no organization header', async () => {
    const admin = await t.api.signUp('sdk-admin');
    const org = await t.api.post('/api/org/', { name: `SDK ${Date.now()}` }, { token: admin.token });
    const key = await t.api.post('/api/api-keys/', { name: 'worker', scopes: ['leads:write', 'tasks:read'] }, { token: admin.token, orgId: org.body.id });
    expect(await syncWorker(baseUrl, key.body.secret)).toEqual([]);
    const leads = await t.api.get('/api/leads/?name=Synced', { token: admin.token, orgId: org.body.id });
    expect(leads.body.open_leads).toHaveLength(1);
  });

  it('retries a write that timed out with the same Idempotency-Key, so it is applied once', async () => {
    const admin = await t.api.signUp('sdk-retry');
    const org = await t.api.post('/api/org/', { name: `Retry ${Date.now()}` }, { token: admin.token });
    let calls = 0;
    const keys: (string | null)[] = [];
    // The first answer is lost on the way back, as a timeout would lose it.
    const flaky: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      keys.push(request.headers.get('idempotency-key'));
      const response = await fetch(request);
      calls += 1;
      if (calls === 1) throw new TypeError('network error');
      return response;
    };
    const crm = createCrmClient({ baseUrl, accessToken: admin.token, organizationId: org.body.id, fetch: flaky });
    const created = await ok(crm.api.POST('/api/accounts', { body: { name: 'Once only' } }));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const accounts = await t.api.get('/api/accounts/?name=Once only', { token: admin.token, orgId: org.body.id });
    expect(accounts.body.open_accounts.map((a: { id: string }) => a.id)).toEqual([created.id]);
  });
});
