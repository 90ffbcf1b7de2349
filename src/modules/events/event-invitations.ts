import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { MESSAGE_JOB, type MessageJob } from '../jobs/message-job.js';
import { Outbox } from '../jobs/outbox.js';
import { MembersService } from '../users/members.service.js';
import { toICalendar } from './calendar/ics.js';
import type { CalendarEvent } from './event.entity.js';
import { type EventLinks, scheduleOf } from './event.mapper.js';
import { firstOccurrence } from './recurrence.js';

/**
 * Invitations with the event's .ics attached, to its attendees (assigned members and contacts with
 * an e-mail), when it is created or its time changes and SMTP is configured. Queued through the
 * outbox in the transaction of the change, so a mail is owed exactly when the change commits, and
 * delivered with retries like every other message.
 */
@Injectable()
export class EventInvitations {
  constructor(
    private readonly config: AppConfig,
    private readonly outbox: Outbox,
    private readonly members: MembersService,
    private readonly contacts: ContactsService,
  ) {}

  async queue(orgId: string, event: CalendarEvent, links: EventLinks, change: 'new' | 'rescheduled'): Promise<void> {
    if (!this.config.mail.smtpUrl) return;
    const [users, contacts] = await Promise.all([this.members.refs(orgId, links.assigned_to), this.contacts.refsInOrg(orgId, links.contacts)]);
    const attendees = [...new Set([...users.map((user) => user.email), ...contacts.map((contact) => contact.primary_email)].map((a) => a.toLowerCase()))];
    if (attendees.length === 0) return;

    const schedule = scheduleOf(event);
    const organizer = /<([^>]+)>/.exec(this.config.mail.from)?.[1] ?? this.config.mail.from;
    const ics = toICalendar(
      [{ ...event, schedule, organizer, attendees, sequence: event.sequence }],
      { name: event.name, method: 'REQUEST' },
    );
    const first = firstOccurrence(schedule).start;
    const when = `${first.toFormat("cccc d LLLL yyyy 'at' HH:mm")} (${event.timezone})${event.rrule ? `, repeating (${event.rrule})` : ''}`;
    const subject = `${change === 'new' ? 'Invitation' : 'Updated invitation'}: ${event.name}`;
    await this.outbox.add(
      ...attendees.map((to) => ({
        name: MESSAGE_JOB,
        payload: {
          to,
          subject,
          text: `${event.name}\n${when}\n\n${event.description}`.trim(),
          messageId: `<event-${event.id}-${event.sequence}-${createHash('sha256').update(to).digest('hex').slice(0, 16)}@crm-api>`,
          attachments: [{ filename: 'invite.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=REQUEST' }],
        } satisfies MessageJob,
      })),
    );
  }
}
