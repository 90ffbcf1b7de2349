import { TagsService } from '../src/modules/tags/tags.service.js';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('tags', () => {
  let t: TestApp;
  let cast: Cast;
  let tags: TagsService;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    tags = t.app.get(TagsService);
  });
  afterAll(() => t.close());

  it('creates tags on first use and reuses them, comparing names ignoring case and spacing', async () => {
    const first = await tags.resolve(cast.orgId, ['Enterprise', ' VIP  customer ']);
    const second = await tags.resolve(cast.orgId, ['enterprise', 'vip customer', 'ENTERPRISE', '']);
    expect(second.map((tag) => tag.id).sort()).toEqual(first.map((tag) => tag.id).sort());
    expect(first.map((tag) => tag.name).sort()).toEqual(['Enterprise', 'VIP customer']);
  });

  it('survives concurrent first uses of the same name', async () => {
    const results = await Promise.all([1, 2, 3].map(() => tags.resolve(cast.orgId, ['Race'])));
    expect(new Set(results.map(([tag]) => tag.id)).size).toBe(1);
  });

  it('keeps organizations apart: the same name is two tags, each listed only in its organization', async () => {
    const [mine] = await tags.resolve(cast.orgId, ['Shared']);
    const [theirs] = await tags.resolve(cast.outsiderOrgId, ['shared']);
    expect(mine.id).not.toBe(theirs.id);
    const listed = await t.api.get('/api/tags/?name=shar', as(cast, 'other'));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ count: 1, next: null, previous: null, results: [{ id: mine.id, name: 'Shared' }] });
    const outsiders = await t.api.get('/api/tags/?name=shar', as(cast, 'outsider'));
    expect(outsiders.body.results).toEqual([{ id: theirs.id, name: 'shared' }]);
  });

  it('lists by name and rejects bad paging', async () => {
    await tags.resolve(cast.orgId, ['alpha', 'Beta', 'gamma']);
    const page = await t.api.get('/api/tags/?limit=2', as(cast, 'admin'));
    expect(page.body.results.map((tag: { name: string }) => tag.name)).toEqual(['alpha', 'Beta']);
    expect(page.body.next).toBe('/api/tags/?limit=2&offset=2');
    expect((await t.api.get('/api/tags/?limit=1000', as(cast, 'admin'))).status).toBe(400);
    expect((await t.api.get('/api/tags/', { token: cast.admin.token })).status).toBe(400);
  });
});
