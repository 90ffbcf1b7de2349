import { DataSource } from 'typeorm';
import { as, type Cast, createCast } from './support/cast.js';
import { makeEvent } from './support/factories.js';
import { whileHealthIsPolled } from './support/health-poll.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Requests about events that once held the event loop for seconds, stalling every tenant: each is
 * answered (or refused) fast, and `/health` keeps answering while it runs.
 */
describe('events: hostile rules and windows never stall the process', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const admin = () => as(cast, 'admin');
  const impossible = 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1';

  it.each(['2030-01-01', '8000-01-01'])('refuses a rule that can never match, starting %s, at once (it walked to the year 9999)', async (start_date) => {
    const body = { name: 'Never', event_type: 'Recurring', start_date, start_time: '10:00', end_time: '11:00', rrule: impossible };
    const { result, worstHealthMs } = await whileHealthIsPolled(t, () => t.api.post('/api/events/', body, admin()));
    expect(result.status).toBe(400);
    expect(result.body.errors.rrule[0]).toContain('yields no occurrence within 10 years');
    expect(worstHealthMs).toBeLessThan(1000);

    const event = await makeEvent(t, admin());
    const { result: updated, worstHealthMs: duringUpdate } = await whileHealthIsPolled(t, () =>
      t.api.put(`/api/events/${event.id}/`, { event_type: 'Recurring', start_date, rrule: impossible }, admin()),
    );
    expect(updated.status).toBe(400);
    expect(updated.body.errors.rrule[0]).toContain('yields no occurrence');
    expect(duringUpdate).toBeLessThan(1000);
  });

  it('lists, exports and feeds sparse series without walking their rules again', async () => {
    const sparse = { event_type: 'Recurring', start_date: '2097-01-01', start_time: '10:00', end_time: '11:00', rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;COUNT=1' };
    const created = await makeEvent(t, admin(), { ...sparse, name: 'Leap day' });
    // The first Feb 29 after 2097: 2100 is no leap year.
    expect(created.starts_at).toBe('2104-02-29T10:00:00.000Z');
    await cloneEvent(t, created.id, 199);
    const feed = (await t.api.post('/api/events/calendar-feed/', {}, admin())).body.url as string;
    for (const read of [
      () => t.api.get('/api/events/?limit=100&name=Leap', admin()),
      () => t.api.get('/api/events/calendar.ics', admin()),
      () => t.api.get(feed),
      () => t.api.get('/api/events/?from=2104-02-01&to=2104-03-01&limit=100', admin()),
    ]) {
      const { result, worstHealthMs, elapsedMs } = await whileHealthIsPolled(t, read);
      expect(result.status).toBe(200);
      expect(worstHealthMs).toBeLessThan(1000);
      expect(elapsedMs).toBeLessThan(5000);
    }
    const window = await t.api.get('/api/events/?from=2104-02-01&to=2104-03-01&limit=5&name=Leap', admin());
    expect(window.body.count).toBe(200);
    expect(window.body.results[0].occurrence.starts_at).toBe('2104-02-29T10:00:00.000Z');
  });

  it('refuses a window holding more than 5,000 occurrences, naming `to`, and pages a smaller one of the same series fast', async () => {
    const daily = await makeEvent(t, admin(), { name: 'Standup', event_type: 'Recurring', start_date: '2030-01-01', rrule: 'FREQ=DAILY;COUNT=1000' });
    await cloneEvent(t, daily.id, 499);
    const year = await whileHealthIsPolled(t, () => t.api.get('/api/events/?from=2030-01-01&to=2031-01-01&name=Standup', admin()));
    expect(year.result.status).toBe(400);
    expect(year.result.body.errors.to[0]).toContain('more than 5000 occurrences');
    expect(year.worstHealthMs).toBeLessThan(1000);

    const week = await whileHealthIsPolled(t, () => t.api.get('/api/events/?from=2030-06-01&to=2030-06-08&name=Standup&offset=3000&limit=100', admin()));
    expect(week.result.status).toBe(200);
    expect(week.result.body.count).toBe(3500);
    expect(week.result.body.results).toHaveLength(100);
    expect(week.worstHealthMs).toBeLessThan(1000);
    // Far from the series' start, a window costs what a window near it does: the walk starts at the window.
    const late = await whileHealthIsPolled(t, () => t.api.get('/api/events/?from=2032-09-01&to=2032-09-08&name=Standup&limit=1', admin()));
    expect(late.result.body.count).toBe(3500);
    expect(late.elapsedMs).toBeLessThan(5000);
  });

  it('writes no control character of a name or description into iCalendar, so nothing can pose as a property', async () => {
    const event = await makeEvent(t, admin(), {
      name: 'Sync\rATTENDEE:mailto:evil@attacker.example',
      description: 'Agenda\r\nline two\u0001\u001b[31m\rORGANIZER:mailto:evil@attacker.example',
    });
    const ics = (await t.api.get('/api/events/calendar.ics', admin())).body as string;
    const lines = ics.replace(/\r\n /g, '').split(/\r\n|\r|\n/);
    expect(lines.filter((line) => /^(ATTENDEE|ORGANIZER)/.test(line))).toEqual([]);
    expect(lines).toContain('SUMMARY:Sync\\nATTENDEE:mailto:evil@attacker.example');
    expect(lines.find((line) => line.startsWith('DESCRIPTION:'))).toBe('DESCRIPTION:Agenda\\nline two[31m\\nORGANIZER:mailto:evil@attacker.example');
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u0008\u000B-\u000C\u000E-\u001F\u007F]/.test(ics)).toBe(false);
    expect(event.name).toContain('\r');
  });
});

/** Copies of an event row (same schedule and owner), so a test can hold hundreds of them without as many requests. */
async function cloneEvent(t: TestApp, id: string, copies: number): Promise<void> {
  const columns: { column_name: string }[] = await t.app
    .get(DataSource)
    .query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'events' AND column_name NOT IN ('id', 'created_on', 'updated_on')`);
  const list = columns.map(({ column_name }) => `"${column_name}"`).join(', ');
  await t.app.get(DataSource).query(`INSERT INTO events (${list}) SELECT ${list} FROM events, generate_series(1, $2) WHERE id = $1`, [id, copies]);
}
