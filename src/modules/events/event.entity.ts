import { Column, Entity, Index, JoinTable, ManyToMany, type Relation } from 'typeorm';
import { RecordWithRelated } from '../../common/database/related-records.js';
import { Contact } from '../contacts/contact.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

export enum EventType {
  RECURRING = 'Recurring',
  NON_RECURRING = 'Non-Recurring',
}

export enum EventStatus {
  PLANNED = 'Planned',
  HELD = 'Held',
  NOT_HELD = 'Not Held',
  NOT_STARTED = 'Not Started',
  STARTED = 'Started',
  COMPLETED = 'Completed',
  CANCELED = 'Canceled',
  DEFERRED = 'Deferred',
}

/**
 * A meeting, once or recurring. Stored once with its rule (the reference writes a row per date);
 * occurrences are expanded on read. `seriesStart`/`seriesEnd` bound every occurrence in real time,
 * so a window query finds candidates by index. Related records are named by entity name.
 */
@Index('ix_events_org_updated', ['orgId', 'updatedOn', 'id'])
@Index('ix_events_org_name', ['orgId', 'name', 'id'])
// The column a deleted row's references are looked up by (docs/scaling.md, "Indexed references").
@Index('ix_events_account', ['accountId'], { where: 'account_id IS NOT NULL' })
@Index('ix_events_lead', ['leadId'], { where: 'lead_id IS NOT NULL' })
@Index('ix_events_opportunity', ['opportunityId'], { where: 'opportunity_id IS NOT NULL' })
@Index('ix_events_case', ['caseId'], { where: 'case_id IS NOT NULL' })
@Entity('events')
@Index('ix_events_org_created', ['orgId', 'createdOn', 'id'])
@Index('ix_events_org_series', ['orgId', 'seriesStart', 'seriesEnd'])
export class CalendarEvent extends RecordWithRelated {
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'enum', enum: EventType, enumName: 'event_type', default: EventType.NON_RECURRING })
  eventType: EventType;

  @Column({ type: 'enum', enum: EventStatus, enumName: 'event_status', default: EventStatus.PLANNED })
  status: EventStatus;

  /** Wall-clock dates and times in `timezone`, as the reference sends them. */
  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'time' })
  startTime: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'time' })
  endTime: string;

  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  /** The weekdays a recurring event was given as (the reference's way), else empty. */
  @Column({ type: 'varchar', length: 9, array: true, default: '{}' })
  recurringDays: string[];

  /** The normalized RRULE of a recurring event (UNTIL in wall-clock time), else null. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  rrule: string | null;

  @Column({ type: 'timestamptz' })
  seriesStart: Date;

  @Column({ type: 'timestamptz' })
  seriesEnd: Date;

  @Column({ type: 'int', default: 1 })
  occurrencesCount: number;

  /** iCalendar SEQUENCE: one more each time the schedule changes, so calendars take the newer invitation. */
  @Column({ type: 'int', default: 0 })
  sequence: number;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'date', nullable: true })
  dateOfMeeting: string | null;

  @ManyToMany(() => User)
  @JoinTable({ name: 'event_assignees', joinColumn: { name: 'event_id' }, inverseJoinColumn: { name: 'user_id' } })
  assignedTo?: Relation<User>[];

  @ManyToMany(() => Team)
  @JoinTable({ name: 'event_teams', joinColumn: { name: 'event_id' }, inverseJoinColumn: { name: 'team_id' } })
  teams?: Relation<Team>[];

  @ManyToMany(() => Contact)
  @JoinTable({ name: 'event_contacts', joinColumn: { name: 'event_id' }, inverseJoinColumn: { name: 'contact_id' } })
  contacts?: Relation<Contact>[];
}
