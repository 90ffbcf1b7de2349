import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from './trim.decorator.js';

/** An optional free-text field of at most `maxLength` characters, trimmed. */
export const OptionalText = (maxLength: number, example?: string) =>
  applyDecorators(ApiPropertyOptional({ maxLength, example }), IsOptional(), Trim(), IsString(), MaxLength(maxLength));
