import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { nestsDeeperThan } from '../http/json-depth.js';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsUUID } from 'class-validator';

export const MAX_IDS = 100;

/**
 * Accepts a JSON array, a repeated form field, or one JSON-array string (multipart forms), so
 * the same DTO serves JSON and form bodies.
 */
export const ToArray = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    // A list is flat: anything nested is left a string, which IsArray then refuses.
    if (text.startsWith('[') && !nestsDeeperThan(text, 1)) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return value;
      }
    }
    return text === '' ? [] : [text];
  });

/** An optional list of ids of the caller's organization (checked to exist by the service). */
export function IdList(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_IDS, uniqueItems: true, description }),
    IsOptional(),
    ToArray(),
    IsArray(),
    ArrayMaxSize(MAX_IDS),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );
}
