import { Controller, Delete, Get, Header, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped, Public } from '../../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../../common/auth/principal.js';
import { Principal } from '../../../common/auth/principal.decorator.js';
import { NotFoundError } from '../../../common/errors/app-error.js';
import { ApiErrors } from '../../../common/openapi/api-errors.decorator.js';
import { Throttle } from '../../throttling/throttle.guard.js';
import { CalendarFeedDto } from '../dto/calendar-feed.dto.js';
import { EventsService, MAX_FEED_EVENTS } from '../events.service.js';
import { CalendarFeedsService } from './calendar-feeds.service.js';
import { toICalendar } from './ics.js';

const ICS = 'text/calendar; charset=utf-8';
const ICS_RESPONSE = {
  description: `An iCalendar (RFC 5545) document: one VEVENT per event (recurrence as RRULE, stable UIDs), the ${MAX_FEED_EVENTS} most recently starting events the member may see`,
  content: { 'text/calendar': { schema: { type: 'string' } } },
} as const;

@ApiTags('Events')
@OrgScoped()
@Controller('events')
export class CalendarController {
  constructor(
    private readonly events: EventsService,
    private readonly feeds: CalendarFeedsService,
  ) {}

  @Get('calendar.ics')
  @Header('content-type', ICS)
  @ApiOperation({ summary: 'Get the caller’s calendar', description: 'The events the caller may see, as iCalendar.' })
  @ApiOkResponse(ICS_RESPONSE)
  async getEventCalendar(@Principal() principal: OrgPrincipal): Promise<string> {
    return toICalendar(await this.events.forCalendar(principal), { name: 'CRM events' });
  }

  @Post('calendar-feed')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create the caller’s secret calendar feed URL',
    description: 'For calendar apps that cannot send headers. Replaces (and so revokes) any earlier feed of the caller; the token is shown only in this answer.',
  })
  @ApiCreatedResponse({ type: CalendarFeedDto, description: 'The feed URL and its token' })
  createCalendarFeed(@Principal() principal: OrgPrincipal): Promise<CalendarFeedDto> {
    return this.feeds.issue(principal);
  }

  @Delete('calendar-feed')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke the caller’s calendar feed URL', description: 'Its URL answers 404 from now on.' })
  @ApiNoContentResponse({ description: 'Revoked (or there was none)' })
  async revokeCalendarFeed(@Principal() principal: OrgPrincipal): Promise<void> {
    await this.feeds.revoke(principal);
  }
}

@ApiTags('Events')
@Controller('events/feed')
export class CalendarFeedController {
  constructor(
    private readonly events: EventsService,
    private readonly feeds: CalendarFeedsService,
  ) {}

  @Get(':token/calendar.ics')
  @Public()
  @Throttle('ip')
  @Header('content-type', ICS)
  @Header('cache-control', 'private, no-store')
  @ApiOperation({
    summary: 'Get a calendar feed by its secret URL',
    description: 'No headers needed: the token stands for its member, who must still be an active member. Unknown and revoked tokens answer 404.',
  })
  @ApiOkResponse(ICS_RESPONSE)
  @ApiErrors(404, 429)
  async getCalendarFeed(@Param('token') token: string): Promise<string> {
    const principal = await this.feeds.principalFor(token);
    if (!principal) throw new NotFoundError('Calendar feed');
    return toICalendar(await this.events.forCalendar(principal), { name: 'CRM events' });
  }
}
