import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, Matches, ValidateIf } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/** A calendar date, `YYYY-MM-DD` and nothing else; `required: false` also takes null. */
export function CalendarDate(options: { required?: boolean; description?: string; example?: string } = {}) {
  const message = { message: ({ property }: { property: string }) => `${property} must be a date (YYYY-MM-DD)` };
  const checks = [IsISO8601({ strict: true, strictSeparator: true }, message), Matches(DATE, message)];
  if (options.required) return applyDecorators(ApiProperty({ type: String, format: 'date', ...docs(options) }), ...checks);
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date', nullable: true, ...docs(options) }),
    IsOptional(),
    ValidateIf((_, value) => value !== null),
    ...checks,
  );
}

/** A wall-clock time, `HH:MM` or `HH:MM:SS`, answered as `HH:MM:SS`. */
export function ClockTime(options: { required?: boolean; description?: string; example?: string } = {}) {
  const schema = { type: String, pattern: TIME.source, maxLength: 8, example: options.example ?? '10:00:00', description: options.description };
  return applyDecorators(
    options.required ? ApiProperty(schema) : ApiPropertyOptional(schema),
    ...(options.required ? [] : [IsOptional()]),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{2}:\d{2}$/.test(value) ? `${value}:00` : value)),
    Matches(TIME, { message: ({ property }) => `${property} must be a time (HH:MM or HH:MM:SS)` }),
  );
}

const docs = ({ description, example }: { description?: string; example?: string }) => ({
  ...(description ? { description } : {}),
  ...(example ? { example } : {}),
});
