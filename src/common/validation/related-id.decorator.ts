import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';

/** An optional id of another record (null unlinks), checked by the service against what the caller may see. */
export const RelatedId = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description }),
    IsOptional(),
    ValidateIf((_, value) => value !== null),
    IsUUID('all'),
  );
