import {
  icalRule,
  MAX_OCCURRENCES,
  MAX_SPAN_YEARS,
  normalizeRule,
  type Occurrence,
  occurrenceFrom,
  occurrencesBetween,
  RecurrenceError,
  type Schedule,
  seriesBounds,
  weeklyRule,
} from './recurrence.js';

const iso = (occurrences: Occurrence[]) =>
  occurrences.map(({ start, end }) => `${start.toISO({ suppressMilliseconds: true })} ${end.toISO({ suppressMilliseconds: true })}`);

const berlin = (rule: string | null, extra: Partial<Schedule> = {}): Schedule => ({
  timezone: 'Europe/Berlin',
  startDate: '2027-03-22',
  startTime: '10:00:00',
  endDate: '2027-03-22',
  endTime: '11:30:00',
  rule,
  ...extra,
});

/** Every occurrence of a series, as a client listing a wide window would see them. */
const allOccurrences = (written: Schedule): Occurrence[] => {
  // As stored: a series ends on its last occurrence's day.
  const schedule = { ...written, endDate: seriesBounds(written).last.start.toISODate()! };
  return occurrencesBetween(schedule, new Date('2000-01-01'), new Date('2100-01-01'), 10_000).map((found) => occurrenceFrom(schedule, found));
};

describe('recurrence', () => {
  it('keeps a weekly meeting at 10:00 local across the spring DST change (UTC shifts by an hour)', () => {
    const schedule = berlin(normalizeRule('FREQ=WEEKLY;BYDAY=MO;COUNT=3', 'Europe/Berlin'));
    const all = allOccurrences(schedule);
    expect(all.map((o) => o.start.toUTC().toISO())).toEqual([
      '2027-03-22T09:00:00.000Z',
      '2027-03-29T08:00:00.000Z',
      '2027-04-05T08:00:00.000Z',
    ]);
    expect(all.map((o) => o.end.toFormat('HH:mm'))).toEqual(['11:30', '11:30', '11:30']);
  });

  it('expands the reference recurring_days: those weekdays between start and end date, inclusive', () => {
    const schedule = berlin(weeklyRule(['Wednesday', 'Monday'], '2027-03-31'), { endDate: '2027-03-31' });
    expect(allOccurrences(schedule).map((o) => o.start.toISODate())).toEqual(['2027-03-22', '2027-03-24', '2027-03-29', '2027-03-31']);
  });

  it('answers only the occurrences overlapping a window, by start', () => {
    const schedule = berlin(normalizeRule('FREQ=DAILY;COUNT=10', 'Europe/Berlin'), { endDate: '2027-03-31' });
    expect(seriesBounds(schedule).last.start.toISODate()).toBe('2027-03-31');
    const window = occurrencesBetween(schedule, new Date('2027-03-25T10:00:00Z'), new Date('2027-03-27T09:00:00Z'), 100).map((found) =>
      occurrenceFrom(schedule, found),
    );
    // 25th 10:00-11:30 CET is 09:00-10:30Z: overlaps; 27th 10:00 CET is 09:00Z: the window ends there.
    expect(iso(window)).toEqual(['2027-03-25T10:00:00+01:00 2027-03-25T11:30:00+01:00', '2027-03-26T10:00:00+01:00 2027-03-26T11:30:00+01:00']);
  });

  it('reads UNTIL given in UTC, as a date, or as local time, and writes it back in UTC for iCalendar', () => {
    expect(normalizeRule('rrule:freq=weekly;until=20270405T083000Z', 'Europe/Berlin')).toBe('FREQ=WEEKLY;UNTIL=20270405T103000');
    expect(normalizeRule('FREQ=DAILY;UNTIL=20270405', 'Europe/Berlin')).toBe('FREQ=DAILY;UNTIL=20270405T235959');
    expect(icalRule(berlin('FREQ=DAILY;UNTIL=20270405T235959'))).toBe('FREQ=DAILY;UNTIL=20270405T215959Z');
  });

  it.each([
    ['FREQ=WEEKLY', 'exactly one of COUNT or UNTIL'],
    ['FREQ=WEEKLY;COUNT=2;UNTIL=20270101', 'exactly one of COUNT or UNTIL'],
    ['FREQ=HOURLY;COUNT=2', 'invalid FREQ'],
    ['FREQ=DAILY;INTERVAL=x;COUNT=2', 'invalid INTERVAL'],
    ['FREQ=DAILY;COUNT=2;COUNT=3', 'twice'],
    ['DTSTART=20270101;FREQ=DAILY;COUNT=2', 'unsupported'],
    [`FREQ=DAILY;COUNT=${MAX_OCCURRENCES + 1}`, `at most ${MAX_OCCURRENCES}`],
    ['COUNT=2', 'must name FREQ'],
    ['FREQ=DAILY;UNTIL=20271340', 'invalid UNTIL'],
  ])('refuses %s', (rule, reason) => {
    expect(() => normalizeRule(rule, 'UTC')).toThrow(RecurrenceError);
    expect(() => normalizeRule(rule, 'UTC')).toThrow(reason);
  });

  it('refuses a series longer than the limit and one with no occurrence', () => {
    const long = berlin(normalizeRule('FREQ=DAILY;UNTIL=20310101', 'Europe/Berlin'));
    expect(() => allOccurrences(long)).toThrow(`more than ${MAX_OCCURRENCES}`);
    const none = berlin(normalizeRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=1', 'Europe/Berlin'));
    expect(() => allOccurrences(none)).toThrow('no occurrence');
  });

  it(`refuses a series that ends more than ${MAX_SPAN_YEARS} years after its start, and looks no further for a rare match`, () => {
    const far = berlin(normalizeRule('FREQ=YEARLY;UNTIL=20400101', 'Europe/Berlin'));
    expect(() => allOccurrences(far)).toThrow(`within ${MAX_SPAN_YEARS} years`);
    const rare = berlin(normalizeRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=5', 'Europe/Berlin'));
    expect(() => allOccurrences(rare)).toThrow(`within ${MAX_SPAN_YEARS} years`);
    const leap = berlin(normalizeRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2', 'Europe/Berlin'));
    expect(allOccurrences(leap).map((o) => o.start.toISODate())).toEqual(['2028-02-29', '2032-02-29']);
  });

  it('refuses at once a rule that can never match, however far its start (it once walked to the year 9999)', () => {
    for (const startDate of ['2030-01-01', '8000-01-01']) {
      const began = performance.now();
      expect(() => seriesBounds(berlin(normalizeRule('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1', 'UTC'), { startDate }))).toThrow(
        `yields no occurrence within ${MAX_SPAN_YEARS} years`,
      );
      expect(performance.now() - began).toBeLessThan(500);
    }
  });
});
