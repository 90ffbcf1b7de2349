import { Role } from '../src/common/auth/role.js';
import type { OrgPrincipal } from '../src/common/auth/principal.js';
import { ConflictError } from '../src/common/errors/app-error.js';
import { CasesService } from '../src/modules/cases/cases.service.js';
import { LeadsService } from '../src/modules/leads/leads.service.js';
import { type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Domain rules held at the service, without HTTP: what a module built on these services relies on. */
describe('domain rules at the service level', () => {
  let t: TestApp;
  let cast: Cast;
  let admin: OrgPrincipal;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    admin = { userId: cast.admin.userId, orgId: cast.orgId, role: Role.ADMIN, profileId: 'unused' };
  });
  afterAll(() => t.close());

  it('converts a lead once, creating its account with the lead’s details, and refuses a second time', async () => {
    const leads = t.app.get(LeadsService);
    const lead = await leads.create(admin, { first_name: 'Ada', last_name: 'Lovelace', account_name: 'Engines Ltd', city: 'London' });
    const converted = await leads.convert(admin, lead.id);
    expect(converted.status).toBe('converted');
    expect(converted.converted_account).toMatchObject({ name: 'Engines Ltd', billing_city: 'London', lead: lead.id });
    await expect(leads.convert(admin, lead.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it('sets closed_on when a case closes and clears it when the case reopens', async () => {
    const cases = t.app.get(CasesService);
    const created = await cases.create(admin, { name: 'Printer on fire', status: 'Closed' as never });
    expect(created.closed_on).not.toBeNull();
    const reopened = await cases.update(admin, created.id, { status: 'In Progress' as never });
    expect(reopened.closed_on).toBeNull();
  });
});
