import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf } from '../../../common/pagination/page.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination-query.dto.js';

export class TagResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'enterprise' })
  name: string;
}

export class TagPageDto extends PageOf(TagResponseDto) {}

export class ListTagsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}
