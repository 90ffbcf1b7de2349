import { jest } from '@jest/globals';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { statementText, statementTextCacheSize, verifyStatementTexts } from '../src/common/database/statement-texts.js';
import { Account } from '../src/modules/accounts/account.entity.js';
import { as, type Cast, createCast } from './support/cast.js';
import { makeAccount } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Hot reads reuse their statement's text per shape (src/common/database/statement-texts.ts). */
describe('statement texts', () => {
  let t: TestApp;
  let cast: Cast;
  let assigned: string;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    assigned = (await makeAccount(t, admin, { name: 'Assigned Corp', assigned_to: [cast.assignee.userId] })).id;
    await makeAccount(t, admin, { name: 'Unassigned Corp' });
    await makeAccount(t, as(cast, 'outsider'), { name: 'Outsider Corp' });
  });
  afterAll(() => t.close());

  const names = (body: { open_accounts: { name: string }[] }) => body.open_accounts.map((account) => account.name).sort();

  it('are written once: a page of a shape already seen builds no SQL text', async () => {
    verifyStatementTexts(false);
    const getQuery = jest.spyOn(SelectQueryBuilder.prototype, 'getQuery');
    // The costly step of writing a text, whichever way TypeORM reaches it.
    const rewrite = jest.spyOn(SelectQueryBuilder.prototype as unknown as { replacePropertyNamesForTheWholeQuery(sql: string): string }, 'replacePropertyNamesForTheWholeQuery');
    try {
      await t.api.get('/api/accounts/?limit=5&offset=0', as(cast, 'admin'));
      expect(rewrite).toHaveBeenCalled();
      getQuery.mockClear();
      rewrite.mockClear();
      const again = await t.api.get('/api/accounts/?limit=5&offset=0', as(cast, 'admin'));
      expect(again.status).toBe(200);
      expect(names(again.body)).toEqual(['Assigned Corp', 'Unassigned Corp']);
      expect(getQuery).not.toHaveBeenCalled();
      expect(rewrite).not.toHaveBeenCalled();
    } finally {
      getQuery.mockRestore();
      rewrite.mockRestore();
      verifyStatementTexts(true);
    }
  });

  it('are never shared between roles, filters or organizations', async () => {
    const list = async (who: Parameters<typeof as>[1], query = '') => {
      const res = await t.api.get(`/api/accounts/${query}`, as(cast, who));
      expect(res.status).toBe(200);
      return names(res.body);
    };
    expect(await list('admin')).toEqual(['Assigned Corp', 'Unassigned Corp']);
    expect(await list('assignee')).toEqual(['Assigned Corp']);
    expect(await list('other')).toEqual([]);
    expect(await list('admin', '?name=unassigned')).toEqual(['Unassigned Corp']);
    expect(await list('assignee', '?name=unassigned')).toEqual([]);
    expect(await list('outsider')).toEqual(['Outsider Corp']);
    const detail = await t.api.get(`/api/accounts/${assigned}/`, as(cast, 'assignee'));
    expect(detail.body.account_obj.name).toBe('Assigned Corp');
    expect((await t.api.get(`/api/accounts/${assigned}/`, as(cast, 'other'))).status).toBe(404);
  });

  it('are written anew for a query with a part the shape does not cover (a lock)', () => {
    const accounts = t.app.get(DataSource).getRepository(Account);
    const plain = accounts.createQueryBuilder('account').where('account.orgId = :orgId', { orgId: cast.orgId });
    const locked = plain.clone().setLock('pessimistic_write');
    expect(statementText(plain)).not.toContain('FOR UPDATE');
    expect(statementText(locked)).toContain('FOR UPDATE');
  });

  it('stay bounded however many offsets a client walks through', () => {
    const accounts = t.app.get(DataSource).getRepository(Account);
    const page = (offset: number) => accounts.createQueryBuilder('account').where('account.orgId = :orgId', { orgId: cast.orgId }).limit(10).offset(offset);
    for (let offset = 0; offset < 2_500; offset += 1) statementText(page(offset));
    expect(statementTextCacheSize().shapes).toBeLessThanOrEqual(2_000);
    expect(statementText(page(2_499))).toContain('OFFSET 2499');
  });
});
