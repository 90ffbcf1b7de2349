import { Matches } from 'class-validator';

/** Digits with optional leading +, spaces, dots, dashes and parentheses: 4 to 32 characters. */
export const IsPhone = () =>
  Matches(/^\+?[0-9 ().-]{4,32}$/, { message: ({ property }) => `${property} must be a phone number` });
