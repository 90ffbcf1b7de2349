import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { as, type Cast, createCast } from './support/cast.js';
import { describeCommentCapability } from './support/comment-capability.js';
import { makeContact, makeEvent } from './support/factories.js';
import { describePermissionMatrix } from './support/permission-matrix.js';
import { eventually, SmtpSink } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Item = { id: string; [field: string]: any };

/** The .ics a mail carries, decoded from its MIME part. */
function icsAttachment(raw: string): string {
  const part = raw.split(/\r?\n--/).find((chunk) => chunk.includes('filename=invite.ics'));
  if (!part) throw new Error('no invite.ics in the mail');
  const [headers, ...body] = part.split(/\r?\n\r?\n/);
  const content = body.join('\n\n').trim();
  return /base64/i.test(headers) ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8') : content;
}

const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics));

describe('events', () => {
  let t: TestApp;
  let cast: Cast;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createTestApp({ SMTP_URL: sink.url });
    t.api.inbox = sink;
    cast = await createCast(t.api);
    await t.api.put('/api/org/settings/', { timezone: 'Europe/Berlin' }, as(cast, 'admin'));
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const seed = (extra: Record<string, unknown> = {}): Promise<Item> => makeEvent(t, as(cast, 'creator'), { assigned_to: [cast.assignee.userId], ...extra });
  const occurrences = async (query: string, who: Parameters<typeof as>[1] = 'admin') => {
    const res = await t.api.get(`/api/events/?${query}`, as(cast, who));
    expect(res.status).toBe(200);
    return res.body;
  };

  describe('POST /api/events/', () => {
    it("answers 201 with every field, in the organization's time zone unless told otherwise", async () => {
      const body = {
        name: 'Quarterly review',
        start_date: '2027-01-15',
        start_time: '09:30',
        end_time: '10:45:00',
        description: 'Pipeline and renewals',
        date_of_meeting: '2027-01-15',
        assigned_to: [cast.assignee.userId],
      };
      const res = await t.api.post('/api/events/', body, as(cast, 'creator'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        ...body,
        id: expect.any(String),
        event_type: 'Non-Recurring',
        status: 'Planned',
        start_time: '09:30:00',
        end_date: '2027-01-15',
        timezone: 'Europe/Berlin',
        recurring_days: [],
        rrule: null,
        starts_at: '2027-01-15T08:30:00.000Z',
        ends_at: '2027-01-15T09:45:00.000Z',
        occurrences_count: 1,
        account: null,
        lead: null,
        opportunity: null,
        case: null,
        contacts: [],
        teams: [],
        created_by: cast.creator.userId,
        updated_on: expect.stringMatching(/Z$/),
        updated_by: cast.creator.userId,
        created_on: expect.stringMatching(/Z$/),
      });
      const tokyo = await seed({ timezone: 'Asia/Tokyo', start_date: '2027-01-15', start_time: '09:30', end_time: '10:00' });
      expect(tokyo.starts_at).toBe('2027-01-15T00:30:00.000Z');
    });

    it.each([
      ['an end before the start', { end_time: '08:00' }, 'end_time', 'before start_time'],
      ['an end date before the start date', { end_date: '2027-01-14' }, 'end_date', 'before start_date'],
      ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone', 'IANA'],
      ['a time like 9am', { start_time: '9am' }, 'start_time', 'HH:MM'],
      ['a date with a time', { start_date: '2027-01-15T09:00' }, 'start_date', 'YYYY-MM-DD'],
      ['Recurring without days or rule', { event_type: 'Recurring' }, 'recurring_days', 'recurring_days or rrule'],
      ['both days and a rule', { event_type: 'Recurring', recurring_days: ['Monday'], rrule: 'FREQ=DAILY;COUNT=2' }, 'rrule', 'not both'],
      ['an endless rule', { event_type: 'Recurring', rrule: 'FREQ=WEEKLY' }, 'rrule', 'COUNT or UNTIL'],
      ['a malformed rule', { event_type: 'Recurring', rrule: 'FREQ=WEEKLY;INTERVAL=x;COUNT=2' }, 'rrule', 'INTERVAL'],
      ['an unknown weekday', { event_type: 'Recurring', recurring_days: ['Funday'], end_date: '2027-02-01' }, 'recurring_days', 'Monday'],
      ['recurring days without a last day', { event_type: 'Recurring', recurring_days: ['Monday'] }, 'end_date', 'required'],
      ['an end date beside a rule', { event_type: 'Recurring', rrule: 'FREQ=DAILY;COUNT=2', end_date: '2027-02-01' }, 'end_date', 'leave it out'],
      ['days on a one-off event', { recurring_days: ['Monday'] }, 'recurring_days', 'Non-Recurring'],
    ])('rejects %s with 400 naming the field, and creates nothing', async (_case, extra, field, reason) => {
      const name = `Invalid ${randomUUID()}`;
      const body = { name, start_date: '2027-01-15', start_time: '09:00', end_time: '10:00', ...extra };
      const res = await t.api.post('/api/events/', body, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
      expect(res.body.errors[field].join(' ')).toContain(reason);
      expect((await occurrences(`name=${name}`)).count).toBe(0);
    });
  });

  describe('recurrence', () => {
    it('expands the reference recurring_days into one occurrence per matching day, in a window', async () => {
      const name = `Standup ${randomUUID().slice(0, 8)}`;
      const event = await seed({
        name,
        event_type: 'Recurring',
        recurring_days: ['Monday', 'Thursday'],
        start_date: '2027-02-01',
        end_date: '2027-02-14',
        start_time: '09:00',
        end_time: '09:15',
      });
      expect(event).toMatchObject({ occurrences_count: 4, rrule: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20270214T235959' });
      const page = await occurrences(`name=${encodeURIComponent(name)}&from=2027-02-01&to=2027-03-01`);
      expect(page.count).toBe(4);
      expect(page.results.map((r: Item) => r.occurrence.local_start)).toEqual([
        '2027-02-01T09:00:00.000+01:00',
        '2027-02-04T09:00:00.000+01:00',
        '2027-02-08T09:00:00.000+01:00',
        '2027-02-11T09:00:00.000+01:00',
      ]);
      expect(page.results.every((r: Item) => r.id === event.id && r.name === name)).toBe(true);
    });

    it('keeps an RRULE meeting at its local time across a DST change inside the window, sorted with other events', async () => {
      const name = `Weekly ${randomUUID().slice(0, 8)}`;
      const weekly = await seed({ name: `${name} A`, event_type: 'Recurring', rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4', start_date: '2027-03-15', start_time: '10:00', end_time: '11:00' });
      const once = await seed({ name: `${name} B`, start_date: '2027-03-23', start_time: '12:00', end_time: '13:00', timezone: 'America/New_York' });
      expect(weekly.end_date).toBe('2027-04-05');
      const page = await occurrences(`name=${encodeURIComponent(name)}&from=2027-03-01T00:00:00Z&to=2027-04-30T00:00:00Z`);
      expect(page.results.map((r: Item) => [r.id, r.occurrence.starts_at, r.occurrence.local_start])).toEqual([
        [weekly.id, '2027-03-15T09:00:00.000Z', '2027-03-15T10:00:00.000+01:00'],
        [weekly.id, '2027-03-22T09:00:00.000Z', '2027-03-22T10:00:00.000+01:00'],
        [once.id, '2027-03-23T16:00:00.000Z', '2027-03-23T12:00:00.000-04:00'],
        [weekly.id, '2027-03-29T08:00:00.000Z', '2027-03-29T10:00:00.000+02:00'],
        [weekly.id, '2027-04-05T08:00:00.000Z', '2027-04-05T10:00:00.000+02:00'],
      ]);
      const paged = await occurrences(`name=${encodeURIComponent(name)}&from=2027-03-01T00:00:00Z&to=2027-04-30T00:00:00Z&limit=2&offset=2`);
      expect(paged.count).toBe(5);
      expect(paged.results.map((r: Item) => r.occurrence.starts_at)).toEqual(['2027-03-23T16:00:00.000Z', '2027-03-29T08:00:00.000Z']);
      expect(Object.fromEntries(new URL(paged.next, 'http://x').searchParams)).toMatchObject({ from: '2027-03-01T00:00:00Z', offset: '4' });
    });

    it('pages one-off events (paged in SQL) interleaved with a series (expanded) in start order at every offset', async () => {
      const name = `Mixed ${randomUUID().slice(0, 8)}`;
      await seed({ name: `${name} series`, event_type: 'Recurring', rrule: 'FREQ=DAILY;COUNT=6', start_date: '2027-06-01', start_time: '09:00', end_time: '10:00', timezone: 'UTC' });
      for (const [day, time] of [['2027-06-01', '08:00'], ['2027-06-02', '12:00'], ['2027-06-02', '12:00'], ['2027-06-04', '07:00'], ['2027-06-09', '09:00']]) {
        await seed({ name: `${name} once`, start_date: day, start_time: time, end_time: '23:00', timezone: 'UTC' });
      }
      const query = `name=${encodeURIComponent(name)}&from=2027-06-01T00:00:00Z&to=2027-06-08T00:00:00Z`;
      const all = await occurrences(`${query}&limit=100`);
      expect(all.count).toBe(10);
      const starts = all.results.map((r: Item) => r.occurrence.starts_at);
      expect([...starts].sort()).toEqual(starts);
      const walked = [];
      for (let offset = 0; offset < 10; offset += 3) walked.push(...(await occurrences(`${query}&limit=3&offset=${offset}`)).results);
      expect(walked.map((r: Item) => [r.id, r.occurrence.starts_at])).toEqual(all.results.map((r: Item) => [r.id, r.occurrence.starts_at]));
    });

    it('moves every occurrence when the rule changes, and lists events (not occurrences) without a window', async () => {
      const event = await seed({ event_type: 'Recurring', rrule: 'FREQ=DAILY;COUNT=3', start_date: '2027-05-01', start_time: '08:00', end_time: '09:00' });
      const moved = await t.api.put(`/api/events/${event.id}/`, { rrule: 'FREQ=DAILY;COUNT=5', start_time: '07:00' }, as(cast, 'creator'));
      expect(moved.body).toMatchObject({ occurrences_count: 5, end_date: '2027-05-05', starts_at: '2027-05-01T05:00:00.000Z' });
      const once = await t.api.put(`/api/events/${event.id}/`, { event_type: 'Non-Recurring', end_date: '2027-05-01' }, as(cast, 'creator'));
      expect(once.body).toMatchObject({ rrule: null, recurring_days: [], occurrences_count: 1 });
      const listed = await occurrences(`name=${encodeURIComponent(event.name)}`);
      expect(listed.results).toEqual([
        {
          ...once.body,
          occurrence: {
            starts_at: once.body.starts_at,
            ends_at: once.body.ends_at,
            local_start: '2027-05-01T07:00:00.000+02:00',
            local_end: '2027-05-01T09:00:00.000+02:00',
          },
        },
      ]);
    });

    it.each([
      ['a window over 366 days', 'from=2027-01-01&to=2028-01-03', 'to'],
      ['from without to', 'from=2027-01-01', 'to'],
      ['to before from', 'from=2027-02-01&to=2027-01-01', 'to'],
      ['a window end that is no date', 'from=2027-01-01&to=soon', 'to'],
    ])('rejects %s with 400 naming the parameter', async (_case, query, field) => {
      const res = await t.api.get(`/api/events/?${query}`, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
    });
  });

  describe('calendar', () => {
    it('serves the visible events as iCalendar that parses back to the same events and occurrences', async () => {
      const own = await createCast(t.api);
      const weekly = await makeEvent(t, as(own, 'creator'), {
        name: 'Planning, weekly; with "quotes"',
        event_type: 'Recurring',
        rrule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20270405',
        start_date: '2027-03-15',
        start_time: '10:00',
        end_time: '11:00',
        timezone: 'Europe/Berlin',
        description: 'Line one\nLine two',
      });
      const once = await makeEvent(t, as(own, 'creator'), { name: 'One-off', start_date: '2027-03-20', start_time: '15:00', end_time: '16:30' });
      await makeEvent(t, as(own, 'other'), { name: 'Not mine' });

      const res = await t.api.get('/api/events/calendar.ics', as(own, 'creator'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/calendar');
      const calendar = parse(res.body);
      const vevents = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
      expect(vevents.map((e) => e.uid).sort()).toEqual([`${weekly.id}@crm-api`, `${once.id}@crm-api`].sort());
      const recurring = vevents.find((e) => e.uid === `${weekly.id}@crm-api`)!;
      expect(recurring.summary).toBe(weekly.name);
      expect(recurring.description).toBe('Line one\nLine two');
      expect(recurring.startDate.zone?.tzid).toBe('Europe/Berlin');
      const starts: string[] = [];
      const iterator = recurring.iterator();
      for (let next = iterator.next(); next; next = iterator.next()) starts.push(next.toJSDate().toISOString());
      const api = await t.api.get(`/api/events/?from=2027-03-01&to=2027-05-01&name=Planning`, as(own, 'creator'));
      expect(starts).toEqual(api.body.results.map((r: Item) => r.occurrence.starts_at));
      expect(starts).toHaveLength(4);
      const single = vevents.find((e) => e.uid === `${once.id}@crm-api`)!;
      expect(single.startDate.toJSDate().toISOString()).toBe(once.starts_at);
      expect(single.endDate.toJSDate().toISOString()).toBe(once.ends_at);
    });

    it('serves a secret feed URL without headers until it is reissued or revoked, and never to a removed member', async () => {
      const own = await createCast(t.api);
      await makeEvent(t, as(own, 'assignee'), { name: 'Feed me' });
      const first = await t.api.post('/api/events/calendar-feed/', {}, as(own, 'assignee'));
      expect(first.status).toBe(201);
      expect(first.body.url).toBe(`/api/events/feed/${first.body.token}/calendar.ics`);
      const feed = await t.api.get(first.body.url);
      expect(feed.status).toBe(200);
      expect(parse(feed.body).getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('summary'))).toEqual(['Feed me']);

      const second = await t.api.post('/api/events/calendar-feed/', {}, as(own, 'assignee'));
      expect((await t.api.get(first.body.url)).status).toBe(404);
      expect((await t.api.get(second.body.url)).status).toBe(200);
      expect((await t.api.delete('/api/events/calendar-feed/', as(own, 'assignee'))).status).toBe(204);
      expect((await t.api.get(second.body.url)).status).toBe(404);

      const third = await t.api.post('/api/events/calendar-feed/', {}, as(own, 'assignee'));
      await t.api.put(`/api/users/${own.assignee.userId}/`, { is_active: false }, as(own, 'admin'));
      expect((await t.api.get(third.body.url)).status).toBe(404);
      // Reactivated, the member has no feed until asking for a new one.
      await t.api.put(`/api/users/${own.assignee.userId}/`, { is_active: true }, as(own, 'admin'));
      expect((await t.api.get(third.body.url)).status).toBe(404);
      expect((await t.api.get('/api/events/feed/not-a-token/calendar.ics')).status).toBe(404);
    });

    it('ends a removed member’s feed for good: invited back, the old URL stays dead', async () => {
      const own = await createCast(t.api);
      const feed = await t.api.post('/api/events/calendar-feed/', {}, as(own, 'other'));
      expect((await t.api.get(feed.body.url)).status).toBe(200);
      expect((await t.api.delete(`/api/users/${own.other.userId}/`, as(own, 'admin'))).status).toBe(204);
      const token = await t.api.invite(own.admin, own.orgId, own.other.email);
      expect((await t.api.post('/api/auth/accept-invite/', { token }, { token: own.other.token })).status).toBe(200);
      expect((await t.api.get('/api/events/', as(own, 'other'))).status).toBe(200);
      expect((await t.api.get(feed.body.url)).status).toBe(404);
    });
  });

  describe('invitations', () => {
    it('mails attendees the .ics when an event is created, and an updated one when its time changes', async () => {
      const contact = await makeContact(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId] });
      const event = await seed({ name: `Kickoff ${randomUUID().slice(0, 6)}`, contacts: [contact.id], start_date: '2027-06-01', start_time: '14:00', end_time: '15:00' });
      // Assignment notices name the event too; invitations are the mails with this subject.
      const invitations = (address: string) => sink.to(address).filter((mail) => mail.raw.includes(`nvitation: ${event.name}`));
      for (const address of [cast.assignee.email, String(contact.primary_email)]) {
        await eventually(async () => expect(invitations(address)).toHaveLength(1));
      }
      const [invite] = invitations(String(contact.primary_email));
      expect(invite.raw).toContain(`Subject: Invitation: ${event.name}`);
      const vevent = parse(icsAttachment(invite.raw)).getFirstSubcomponent('vevent')!;
      expect(vevent.getFirstPropertyValue('uid')).toBe(`${event.id}@crm-api`);
      expect(new ICAL.Event(vevent).startDate.toJSDate().toISOString()).toBe(event.starts_at);

      await t.api.put(`/api/events/${event.id}/`, { description: 'agenda attached' }, as(cast, 'creator'));
      const moved = await t.api.put(`/api/events/${event.id}/`, { start_time: '16:00', end_time: '17:00' }, as(cast, 'creator'));
      await eventually(async () => expect(invitations(cast.assignee.email)).toHaveLength(2));
      const update = invitations(cast.assignee.email)[1];
      expect(update.raw).toContain(`Subject: Updated invitation: ${event.name}`);
      const updated = new ICAL.Event(parse(icsAttachment(update.raw)).getFirstSubcomponent('vevent')!);
      expect(updated.startDate.toJSDate().toISOString()).toBe(moved.body.starts_at);
      expect(updated.sequence).toBe(1);
    });
  });

  describePermissionMatrix(() => ({ t, cast }), {
    path: 'events',
    seed: () => seed(),
    only: (item) => `name=${encodeURIComponent(item.name as string)}`,
    change: { status: 'Held' },
  });
});

describeCommentCapability('events', {
  path: 'events',
  seed: async (t, cast) => (await makeEvent(t, as(cast, 'creator'), { assigned_to: [cast.assignee.userId] })).id,
  related: (detail) => ({ comments: detail.comments, attachments: detail.attachments }),
});
