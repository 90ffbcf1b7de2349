import { quickTour } from '../client/usage.js';
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
});
