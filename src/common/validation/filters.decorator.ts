import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** A partial, case-insensitive text filter of a list. */
export const TextFilter = (description: string, maxLength = 255) =>
  applyDecorators(ApiPropertyOptional({ description, maxLength }), IsOptional(), IsString(), MaxLength(maxLength));

/** An exact id filter of a list; anything but a UUID is a 400. */
export const IdFilter = (description: string) =>
  applyDecorators(ApiPropertyOptional({ format: 'uuid', description }), IsOptional(), IsUUID('all'));

/** `tags=a,b`: records with any of these tag names (any case). */
export const TagsFilter = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      maxLength: 1000,
      description: 'Tag names, comma-separated; matches records with any of them (any case). For example `enterprise,technology`',
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.split(',').map((name) => name.trim()).filter(Boolean) : value,
    ),
    IsString({ each: true }),
    MaxLength(100, { each: true }),
  );
