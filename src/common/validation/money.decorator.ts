import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches, ValidateIf } from 'class-validator';

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

/**
 * An optional non-negative amount with at most two decimals, sent as a string ("50000.00") or a
 * number; stored as numeric and answered as a two-decimal string, never a float.
 */
export function Money(example = '50000.00') {
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, pattern: MONEY.source, maxLength: 15, example }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value)),
    ValidateIf((_, value) => value !== null),
    Matches(MONEY, {
      message: ({ property }) => `${property} must be a non-negative amount with at most two decimals, like "50000.00"`,
    }),
  );
}
