import { HistoryRoutes } from '../history/history-routes.controller.js';
import { ExportRoutes } from '../../common/records/export-routes.js';
import { ListEventsQueryDto } from './dto/event-requests.dto.js';
import { EventItemDto } from './dto/event-responses.dto.js';
import { HistoryModule } from '../history/history.module.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommentRoutes } from '../comments/comment-routes.controller.js';
import { CommentsModule } from '../comments/comments.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { UsersModule } from '../users/users.module.js';
import { CalendarFeed } from './calendar/calendar-feed.entity.js';
import { CalendarFeedsService } from './calendar/calendar-feeds.service.js';
import { CalendarController, CalendarFeedController } from './calendar/calendar.controller.js';
import { EventInvitations } from './event-invitations.js';
import { CalendarEvent } from './event.entity.js';
import { EVENT_KIND } from './event.kind.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';

/** Meetings, once or recurring, with occurrences, calendar feeds and invitations. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarEvent, CalendarFeed]), OrganizationsModule, UsersModule, ContactsModule, CommentsModule, HistoryModule],
  controllers: [ExportRoutes(EVENT_KIND, { service: EventsService, query: ListEventsQueryDto, item: EventItemDto, omit: ['from', 'to'] }), CalendarController, CalendarFeedController, EventsController, CommentRoutes(EVENT_KIND), HistoryRoutes(EVENT_KIND)],
  providers: [EventsService, EventInvitations, CalendarFeedsService],
  exports: [EventsService],
})
export class EventsModule {}
