import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { CreateEventDto, ListEventsQueryDto, UpdateEventDto } from './dto/event-requests.dto.js';
import { EventDetailResponseDto, EventItemDto, EventPageDto } from './dto/event-responses.dto.js';
import { EventsService, MAX_EVENTS_IN_WINDOW } from './events.service.js';

const VISIBILITY = 'An ADMIN sees every event; a USER those they created or are assigned to.';

@ApiTags('Events')
@OrgScoped()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    summary: 'List events, or their occurrences in a window',
    description: `Without from/to: events newest first, each with its first occurrence. With from and to (at most 366 days apart): one result per occurrence overlapping the window, by start, each with its event's fields and the occurrence in UTC and local time; at most ${MAX_EVENTS_IN_WINDOW} events may overlap the window. ${VISIBILITY}`,
  })
  @ApiOkResponse({ type: EventPageDto, description: 'One page of events or occurrences' })
  listEvents(@Principal() principal: OrgPrincipal, @Query() query: ListEventsQueryDto): Promise<EventPageDto> {
    return this.events.list(principal, query);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create an event',
    description:
      'Once, or recurring by recurring_days (with end_date) or an RRULE. The time zone defaults to the organization’s. Attendees get an invitation with the .ics when SMTP is configured.',
  })
  @ApiCreatedResponse({ type: EventItemDto, description: 'The event' })
  createEvent(@Principal() principal: OrgPrincipal, @Body() body: CreateEventDto): Promise<EventItemDto> {
    return this.events.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an event', description: `With its comments and attachments. ${VISIBILITY}` })
  @ApiOkResponse({ type: EventDetailResponseDto, description: 'The event' })
  @ApiErrors(404)
  getEvent(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<EventDetailResponseDto> {
    return this.events.get(principal, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Update an event',
    description: 'Fields left out are kept; lists, when sent, replace. A changed time sends attendees an updated invitation.',
  })
  @ApiOkResponse({ type: EventItemDto, description: 'The updated event' })
  @ApiErrors(404)
  updateEvent(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: UpdateEventDto): Promise<EventItemDto> {
    return this.events.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an event', description: 'Its creator or an ADMIN only; comments and files go with it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('NOT_CREATOR', 404)
  async deleteEvent(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.events.remove(principal, id);
  }
}
