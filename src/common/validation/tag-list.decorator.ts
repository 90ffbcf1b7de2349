import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { ToArray } from './id-list.decorator.js';

/** An optional list of tag names, created on first use. */
export function TagList() {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'array',
      items: { type: 'string', maxLength: 100 },
      maxItems: 50,
      example: ['enterprise', 'technology'],
      description: 'Tag names; new names become tags of the organization',
    }),
    IsOptional(),
    ToArray(),
    IsArray(),
    ArrayMaxSize(50),
    IsString({ each: true }),
    MaxLength(100, { each: true }),
  );
}
