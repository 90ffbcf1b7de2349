import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsUrl, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ToBoolean } from './to-boolean.decorator.js';
import { Trim } from './trim.decorator.js';
import { IsPhone } from './phone.decorator.js';

/** '' and null both mean "no value" for optional contact fields, as Django-CRM's forms send them. */
const hasValue = (_: object, value: unknown) => value !== '' && value !== null;

/** An optional e-mail address; '' or null clears it. */
export const OptionalEmail = (example?: string) =>
  applyDecorators(ApiPropertyOptional({ format: 'email', maxLength: 254, example }), IsOptional(), Trim(), ValidateIf(hasValue), IsEmail(), MaxLength(254));

/** An optional http(s) link; '' or null clears it. */
export const OptionalUrl = (example?: string) =>
  applyDecorators(
    ApiPropertyOptional({ format: 'uri', maxLength: 2048, example }),
    IsOptional(),
    Trim(),
    ValidateIf(hasValue),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: ({ property }) => `${property} must be an http(s) URL` }),
    MaxLength(2048),
  );

/** An optional phone number; '' or null clears it. */
export const OptionalPhone = (example?: string) =>
  applyDecorators(
    ApiPropertyOptional({ maxLength: 33, example, pattern: /^\+?[0-9 ().-]{4,32}$/.source }),
    IsOptional(),
    Trim(),
    ValidateIf(hasValue),
    IsPhone(),
  );

/** A whole percent, 0 to 100, as a number or (from a form) a string of digits; '' or null clears it. */
export const Percent = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, nullable: true, description }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => {
      if (value === '') return null;
      return typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value;
    }),
    ValidateIf((_, value) => value !== null),
    IsInt({ message: ({ property }) => `${property} must be a whole number from 0 to 100` }),
    Min(0, { message: ({ property }) => `${property} must be a whole number from 0 to 100` }),
    Max(100, { message: ({ property }) => `${property} must be a whole number from 0 to 100` }),
  );

/** An optional true/false, also as the text `true`/`false` a form sends. */
export const OptionalFlag = (description?: string) =>
  applyDecorators(ApiPropertyOptional({ type: Boolean, description }), IsOptional(), ToBoolean(), IsBoolean());
