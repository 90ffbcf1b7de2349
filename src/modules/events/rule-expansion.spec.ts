import rrule from 'rrule';
import { DAY_MS, expandRule, ExpansionBudgetError, parseRule } from './rule-expansion.js';

const { RRule } = rrule;

/** A small seeded generator, so a failure names a rule that fails again. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function someRule(next: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const some = <T>(items: readonly T[], most: number) => [...new Set(Array.from({ length: 1 + Math.floor(next() * most) }, () => pick(items)))];
  const freq = pick(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const);
  const parts = [`FREQ=${freq}`];
  if (next() < 0.4) parts.push(`INTERVAL=${1 + Math.floor(next() * 3)}`);
  if (next() < 0.5) {
    const ordinals = freq === 'MONTHLY' || freq === 'YEARLY';
    parts.push(`BYDAY=${some(CODES, 3).map((code) => (ordinals && next() < 0.5 ? `${pick([1, 2, 3, 4, -1, -2])}${code}` : code)).join(',')}`);
  }
  if (next() < 0.3) parts.push(`BYMONTHDAY=${some([1, 2, 13, 15, 28, 29, 30, 31, -1, -2], 3).join(',')}`);
  if (next() < 0.3) parts.push(`BYMONTH=${some([1, 2, 3, 6, 9, 12], 3).join(',')}`);
  if (next() < 0.2) parts.push(`BYSETPOS=${some([1, 2, -1, 3], 2).join(',')}`);
  if (next() < 0.2) parts.push(`WKST=${pick(CODES)}`);
  parts.push(next() < 0.6 ? `COUNT=${1 + Math.floor(next() * 40)}` : `UNTIL=20${30 + Math.floor(next() * 6)}0${1 + Math.floor(next() * 9)}15T120000`);
  return parts.join(';');
}

describe('rule expansion', () => {
  it('answers what rrule.js answers, for five hundred generated rules of the accepted subset', () => {
    const next = random(20261201);
    let compared = 0;
    for (let i = 0; i < 500; i++) {
      const rule = someRule(next);
      const start = Date.UTC(2029 + Math.floor(next() * 6), Math.floor(next() * 12), 1 + Math.floor(next() * 28), 9, 30);
      const horizon = start + 3653 * DAY_MS;
      const ours = expandRule(parseRule(rule), { start, until: horizon, limit: 1001 });
      // rrule.js walks to the year 9999 for a rule that no longer matches: compare only rules that do.
      if (ours.length === 0) continue;
      const options = RRule.parseString(rule);
      const answered = new RRule({ ...options, dtstart: new Date(start), until: options.until && options.until.getTime() < horizon ? options.until : new Date(horizon) })
        .all((_, index) => index < 1001)
        .map((date) => date.getTime());
      // rrule.js answers a day twice when two BYSETPOS positions pick it, and counts both toward
      // COUNT; a recurrence set has it once, so only its days without repeats can be compared.
      const theirs = answered.filter((at, index) => at !== answered[index - 1]);
      if (theirs.length < answered.length && options.count) continue;
      expect([rule, new Date(start).toISOString(), ours]).toEqual([rule, new Date(start).toISOString(), theirs]);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('answers from a window on, as the walk from the start would, without walking the periods before it', () => {
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const rule = parseRule(someRule(next).replace(/;(COUNT|UNTIL)=[^;]+$/, ''));
      const start = Date.UTC(2030, Math.floor(next() * 12), 1 + Math.floor(next() * 28), 8);
      const until = start + 3000 * DAY_MS;
      const from = start + Math.floor(next() * 2900) * DAY_MS;
      const all = expandRule(rule, { start, until, limit: 5000 });
      expect(expandRule(rule, { start, until, from, limit: 5000 })).toEqual(all.filter((at) => at >= from));
    }
  });

  it('stops at its bound for a rule that can never match, however far its start', () => {
    for (const year of [2030, 8000]) {
      const start = Date.UTC(year, 0, 1, 10);
      const began = performance.now();
      expect(expandRule(parseRule('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1'), { start, until: start + 3653 * DAY_MS, limit: 1 })).toEqual([]);
      expect(performance.now() - began).toBeLessThan(1000);
    }
  });

  it('refuses a walk past its budget of days instead of running on', () => {
    const start = Date.UTC(2030, 0, 1);
    expect(() => expandRule(parseRule('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1'), { start, until: start + 200_000 * DAY_MS, limit: 1 })).toThrow(
      ExpansionBudgetError,
    );
  });
});
