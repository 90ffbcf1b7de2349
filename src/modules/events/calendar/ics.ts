import { tzlib_get_ical_block } from 'timezones-ical-library';
import { EventStatus } from '../event.entity.js';
import { firstOccurrence, icalRule, type Schedule } from '../recurrence.js';

/** An event as iCalendar needs it. */
export interface IcsEvent {
  id: string;
  name: string;
  description: string;
  status: EventStatus;
  schedule: Schedule & { firstStart: Date };
  updatedOn: Date;
  /** For invitations: who invites and who is invited (e-mail addresses). */
  organizer?: string;
  attendees?: string[];
  /** Bumped when the time changes, so calendars take an updated invitation as newer. */
  sequence?: number;
}

const STATUS: Record<EventStatus, string> = {
  [EventStatus.PLANNED]: 'TENTATIVE',
  [EventStatus.NOT_STARTED]: 'TENTATIVE',
  [EventStatus.DEFERRED]: 'TENTATIVE',
  [EventStatus.STARTED]: 'CONFIRMED',
  [EventStatus.HELD]: 'CONFIRMED',
  [EventStatus.COMPLETED]: 'CONFIRMED',
  [EventStatus.NOT_HELD]: 'CANCELLED',
  [EventStatus.CANCELED]: 'CANCELLED',
};

/**
 * RFC 5545 TEXT: backslash, semicolon and comma escaped, every line break (CRLF, LF or a bare CR)
 * written as `\n`, and the other control characters TEXT excludes dropped: a reader that splits
 * lines on a bare CR would otherwise read what follows it as a property of its own.
 */
const text = (value: string) =>
  value
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '');

/** Lines of at most 75 octets, continued with a space (RFC 5545 §3.1), never splitting a character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utcStamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** A calendar of events (a feed, or with `method` an invitation), one VEVENT per event with its RRULE. */
export function toICalendar(events: IcsEvent[], options: { name: string; method?: 'REQUEST' | 'CANCEL' }): string {
  const zones = new Map<string, { block: string; param: string } | null>();
  const zone = (timezone: string) => {
    if (!zones.has(timezone)) {
      const [block, param] = tzlib_get_ical_block(timezone) as [string?, string?];
      zones.set(timezone, block && param ? { block, param } : null);
    }
    return zones.get(timezone)!;
  };
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//crm-api//events//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${text(options.name)}`];
  if (options.method) lines.push(`METHOD:${options.method}`);
  const vevents = events.map((event) => vevent(event, zone(event.schedule.timezone), options.method === 'CANCEL'));
  for (const used of new Set(events.map((event) => event.schedule.timezone))) {
    const known = zone(used);
    if (known) lines.push(...known.block.split(/\r?\n/));
  }
  lines.push(...vevents.flat(), 'END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function vevent(event: IcsEvent, zone: { param: string } | null, cancelled: boolean): string[] {
  const first = firstOccurrence(event.schedule);
  // In the event's zone when a VTIMEZONE can be written for it; otherwise in UTC.
  const at = (moment: typeof first.start) =>
    zone ? `;${zone.param}:${moment.toFormat("yyyyLLdd'T'HHmmss")}` : `:${utcStamp(moment.toJSDate())}`;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.id}@crm-api`,
    `DTSTAMP:${utcStamp(event.updatedOn)}`,
    `DTSTART${at(first.start)}`,
    `DTEND${at(first.end)}`,
    `SUMMARY:${text(event.name)}`,
  ];
  if (event.schedule.rule) lines.push(`RRULE:${icalRule(event.schedule)}`);
  if (event.description) lines.push(`DESCRIPTION:${text(event.description)}`);
  lines.push(`STATUS:${cancelled ? 'CANCELLED' : STATUS[event.status]}`, `SEQUENCE:${event.sequence ?? 0}`);
  if (event.organizer) lines.push(`ORGANIZER:mailto:${event.organizer}`);
  for (const attendee of event.attendees ?? []) lines.push(`ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:${attendee}`);
  lines.push('END:VEVENT');
  return lines;
}
