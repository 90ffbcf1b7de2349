import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { Role } from '../../common/auth/role.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { ChangeFeed } from './change-feed.service.js';
import { ChangeFeedPageDto, ChangeFeedQueryDto } from './dto/change-event.dto.js';

@ApiTags('Changes')
@OrgScoped(Role.ADMIN)
@Controller('changes')
export class ChangesController {
  constructor(private readonly feed: ChangeFeed) {}

  @Get()
  @ApiOperation({
    summary: 'Read the change feed',
    description:
      'Every change to every record of the organization, in the order the changes committed: poll with `after` set to the last `seq` read (`next_after`) and no event is ever missed or met twice. Kept for CHANGE_FEED_RETENTION_DAYS (30 by default); an `after` older than that is 410 `CURSOR_EXPIRED`, naming the earliest kept. ADMIN, or an API key with `changes:read`.',
  })
  @ApiOkResponse({ type: ChangeFeedPageDto, description: 'Events after `after`' })
  @ApiErrors('CURSOR_EXPIRED')
  listChanges(@Principal() principal: OrgPrincipal, @Query() query: ChangeFeedQueryDto): Promise<ChangeFeedPageDto> {
    return this.feed.page(principal.orgId, query);
  }
}
