import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ListTagsQueryDto, TagPageDto } from './dto/tag.dto.js';
import { TagsService } from './tags.service.js';

@ApiTags('Tags')
@OrgScoped()
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @ApiOperation({
    summary: 'List tags',
    description: 'Tags of the organization by name. Tags are created by naming them on a record.',
  })
  @ApiOkResponse({ type: TagPageDto, description: 'One page of tags' })
  listTags(@Principal() principal: OrgPrincipal, @Query() query: ListTagsQueryDto): Promise<TagPageDto> {
    return this.tags.list(principal.orgId, query);
  }
}
