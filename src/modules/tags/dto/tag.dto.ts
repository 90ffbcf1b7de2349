import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../../common/pagination/page.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination-query.dto.js';
import { TextFilter } from '../../../common/validation/filters.decorator.js';

export class TagResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'enterprise' })
  name: string;
}

export class TagPageDto extends PageOf(TagResponseDto) {}

export class ListTagsQueryDto extends PaginationQueryDto {
  @TextFilter('Part of the name, any case', 100)
  name?: string;
}
