import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const PHONE = /^\+?[0-9 ().-]{4,32}$/;

/** Digits with optional leading +, spaces, dots, dashes and parentheses: 4 to 32 characters. */
export const IsPhone = () => Matches(PHONE, { message: ({ property }) => `${property} must be a phone number` });

/** An optional phone number, documented with the rule IsPhone enforces. */
export const PhoneProperty = (example: string) =>
  applyDecorators(ApiPropertyOptional({ example, maxLength: 33, pattern: PHONE.source }), IsPhone());
