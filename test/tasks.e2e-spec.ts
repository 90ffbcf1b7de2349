import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { describeCommentCapability } from './support/comment-capability.js';
import { describePermissionMatrix } from './support/permission-matrix.js';
import { makeAccount, makeCase, makeContact, makeLead, makeOpportunity, makeTask, makeTeam } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Item = { id: string; [field: string]: unknown };

/** A UTC calendar date `days` from today, as the API reads dates. */
const utcDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('tasks', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const seed = (extra: Record<string, unknown> = {}) => makeTask(t, as(cast, 'creator'), { assigned_to: [cast.assignee.userId], ...extra });
  const ids = (results: Item[]) => results.map((item) => item.id);

  describe('POST /api/tasks/', () => {
    it('answers 201 with every field, status New and priority Medium by default', async () => {
      const account = await makeAccount(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId] });
      const opportunity = await makeOpportunity(t, as(cast, 'creator'));
      const contact = await makeContact(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId] });
      const team = await makeTeam(t, as(cast, 'admin'));
      const body = {
        title: 'Send the renewal quote',
        due_date: utcDate(7),
        description: 'Include the premium tier',
        account: account.id,
        opportunity: opportunity.id,
        contacts: [contact.id],
        assigned_to: [cast.assignee.userId],
        teams: [team.id],
      };
      const res = await t.api.post('/api/tasks/', body, as(cast, 'creator'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        ...body,
        id: expect.any(String),
        status: 'New',
        priority: 'Medium',
        is_overdue: false,
        lead: null,
        case: null,
        completed_at: null,
        created_by: cast.creator.userId,
        updated_on: expect.stringMatching(/Z$/),
        updated_by: cast.creator.userId,
        created_on: expect.stringMatching(/Z$/),
      });
      expect((await t.api.get(`/api/tasks/${res.body.id}/`, as(cast, 'assignee'))).body).toEqual({ ...res.body, comments: [], attachments: [] });
    });

    it.each([
      ['no title', { title: undefined }, 'title', 'title'],
      ['a title over 200 characters', { title: 'x'.repeat(201) }, 'title', '200'],
      ['a bad status', { status: 'Done' }, 'status', 'New, In Progress, Completed'],
      ['a bad priority', { priority: 'Urgent' }, 'priority', 'Low, Medium, High'],
      ['a due date with a time', { due_date: '2027-01-01T09:00:00Z' }, 'due_date', 'YYYY-MM-DD'],
      ['a lead that is not a UUID', { lead: 'lee' }, 'lead', 'UUID'],
    ])('rejects %s with 400 naming the field, and creates nothing', async (_case, extra, field, reason) => {
      const title = `Invalid ${randomUUID()}`;
      const res = await t.api.post('/api/tasks/', { title, ...extra }, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
      expect(res.body.errors[field].join(' ')).toContain(reason);
      expect((await t.api.get(`/api/tasks/?title=${title}`, as(cast, 'admin'))).body.count).toBe(0);
    });

    it('relates to at most one of lead, opportunity and case, counting what an update keeps', async () => {
      const lead = await makeLead(t, as(cast, 'creator'));
      const support = await makeCase(t, as(cast, 'creator'));
      const both = await t.api.post('/api/tasks/', { title: `Both ${randomUUID()}`, lead: lead.id, case: support.id }, as(cast, 'creator'));
      expect(both.status).toBe(400);
      expect(both.body.errors.case[0]).toContain('at most one');
      const task = await seed({ lead: lead.id });
      expect((await t.api.put(`/api/tasks/${task.id}/`, { case: support.id }, as(cast, 'creator'))).status).toBe(400);
      const moved = await t.api.put(`/api/tasks/${task.id}/`, { lead: null, case: support.id }, as(cast, 'creator'));
      expect(moved.body).toMatchObject({ lead: null, case: support.id });
    });

    it("refuses related records the caller cannot see or that belong to another organization, naming the field", async () => {
      const hidden = await makeOpportunity(t, as(cast, 'other'));
      const res = await t.api.post('/api/tasks/', { title: `Hidden ${randomUUID()}`, opportunity: hidden.id }, as(cast, 'creator'));
      expect(res.status).toBe(400);
      expect(res.body.errors.opportunity[0]).toContain(hidden.id);
      const foreign = await makeCase(t, as(cast, 'outsider'));
      const cross = await t.api.post('/api/tasks/', { title: `Foreign ${randomUUID()}`, case: foreign.id }, as(cast, 'admin'));
      expect(cross.status).toBe(400);
      expect(cross.body.errors.case[0]).toContain(foreign.id);
    });

    it('answers 409 for a title already used in the organization, ignoring case', async () => {
      const title = `Call back ${randomUUID()}`;
      await seed({ title });
      const again = await t.api.post('/api/tasks/', { title: title.toUpperCase() }, as(cast, 'admin'));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'TASK_TITLE_TAKEN', errors: { title: [expect.any(String)] } });
    });
  });

  describe('completion', () => {
    it('sets completed_at when Completed, keeps it while completed, clears it when reopened', async () => {
      const task = await seed({ due_date: utcDate(-3) });
      expect(task.is_overdue).toBe(true);
      const done = await t.api.put(`/api/tasks/${task.id}/`, { status: 'Completed' }, as(cast, 'assignee'));
      expect(done.body).toMatchObject({ status: 'Completed', is_overdue: false });
      expect(Date.now() - Date.parse(done.body.completed_at)).toBeLessThan(60_000);
      expect((await t.api.put(`/api/tasks/${task.id}/`, { priority: 'High' }, as(cast, 'assignee'))).body.completed_at).toBe(done.body.completed_at);
      const reopened = await t.api.put(`/api/tasks/${task.id}/`, { status: 'In Progress' }, as(cast, 'assignee'));
      expect(reopened.body).toMatchObject({ completed_at: null, is_overdue: true });
    });
  });

  describe('GET /api/tasks/', () => {
    it('filters by title, status, priority, account, assignee (me too), due dates, overdue and related record', async () => {
      const title = `Filter ${randomUUID().slice(0, 8)}`;
      const account = await makeAccount(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId] });
      const lead = await makeLead(t, as(cast, 'creator'));
      const late = await seed({ title: `${title} late`, due_date: utcDate(-2), priority: 'High', account: account.id });
      const soon = await seed({ title: `${title} soon`, due_date: utcDate(2), status: 'In Progress', lead: lead.id });
      const doneLate = await seed({ title: `${title} done`, due_date: utcDate(-5), status: 'Completed', assigned_to: [cast.creator.userId] });
      const undated = await seed({ title: `${title} undated`, assigned_to: [] });
      const found = async (query: string, who: Parameters<typeof as>[1] = 'admin') => {
        const res = await t.api.get(`/api/tasks/?title=${encodeURIComponent(title)}&${query}`, as(cast, who));
        expect(res.status).toBe(200);
        return ids(res.body.results).sort();
      };
      const sorted = (...items: Item[]) => ids(items).sort();
      expect(await found('status=In%20Progress')).toEqual([soon.id]);
      expect(await found('priority=High')).toEqual([late.id]);
      expect(await found(`account=${account.id}`)).toEqual([late.id]);
      expect(await found('assigned_to=me', 'assignee')).toEqual(sorted(late, soon));
      expect(await found(`assigned_to=${cast.creator.userId}`)).toEqual([doneLate.id]);
      expect(await found(`due_before=${utcDate(0)}`)).toEqual(sorted(late, doneLate));
      expect(await found(`due_after=${utcDate(0)}`)).toEqual([soon.id]);
      expect(await found('overdue=true')).toEqual([late.id]);
      expect(await found('overdue=false')).toEqual(sorted(soon, doneLate, undated));
      expect(await found(`related=${lead.id}`)).toEqual([soon.id]);
    });

    it.each(['status=Done', 'priority=urgent', 'assigned_to=you', 'due_before=soon', 'overdue=maybe', 'related=x', 'limit=0'])(
      'rejects %s with 400 naming the parameter',
      async (query) => {
        const res = await t.api.get(`/api/tasks/?${query}`, as(cast, 'admin'));
        expect(res.status).toBe(400);
        expect(Object.keys(res.body.errors)).toEqual([query.split('=')[0]]);
      },
    );
  });

  describePermissionMatrix(() => ({ t, cast }), {
    path: 'tasks',
    seed: () => seed(),
    only: (item) => `title=${encodeURIComponent(item.title as string)}`,
    change: { priority: 'Low' },
  });

  describe('on the account', () => {
    it('the account detail lists the tasks the caller may see, newest first, with their count', async () => {
      const account = await makeAccount(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId, cast.other.userId] });
      const first = await seed({ account: account.id, due_date: utcDate(-1) });
      const second = await seed({ account: account.id, status: 'Completed' });
      await makeTask(t, as(cast, 'other'), { account: account.id });
      const detail = await t.api.get(`/api/accounts/${account.id}/`, as(cast, 'creator'));
      expect(detail.body.tasks_count).toBe(2);
      expect(detail.body.tasks).toEqual(
        [second, first].map((task) => ({
          id: task.id,
          title: task.title,
          status: task.status,
          priority: task.priority,
          due_date: task.due_date,
          created_on: task.created_on,
        })),
      );
    });
  });
});

describeCommentCapability('tasks', {
  path: 'tasks',
  seed: async (t, cast) => (await makeTask(t, as(cast, 'creator'), { assigned_to: [cast.assignee.userId] })).id,
  related: (detail) => ({ comments: detail.comments, attachments: detail.attachments }),
});
