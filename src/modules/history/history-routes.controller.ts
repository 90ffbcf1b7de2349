import { Controller, Get, Query, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { HistoryPageDto } from './dto/history-entry.dto.js';
import { HistoryService } from './history.service.js';

/**
 * `GET /api/{path}/{id}/history/` of one record kind: its module mounts it
 * (`controllers: [..., HistoryRoutes(CASE_KIND)]`); the operationId is list{Name}History.
 */
export function HistoryRoutes({ kind, path, tag, name }: RecordKindOptions): Type<unknown> {
  const noun = name.toLowerCase();

  @ApiTags(tag)
  @OrgScoped()
  @Controller(path)
  class KindHistoryRoutes {
    constructor(readonly history: HistoryService) {}

    @Get(':id/history')
    @ApiOperation({
      operationId: `list${name}History`,
      summary: `List the history of ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`,
      description: `One entry per write, oldest first: who, through which request, what it did and every field it changed (links, tags, comments and attachments too). A write that changes nothing has no entry. Anyone who can see the ${noun}; ids of records they may not see show as "hidden".`,
    })
    @ApiOkResponse({ type: HistoryPageDto, description: 'One page of entries' })
    @ApiErrors(404)
    list(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Query() query: PaginationQueryDto): Promise<HistoryPageDto> {
      return this.history.page(principal, kind, id, query);
    }
  }
  Object.defineProperty(KindHistoryRoutes, 'name', { value: `${name}HistoryController` });
  return KindHistoryRoutes;
}
