import type { ValidationError } from '@nestjs/common';
import { toFieldErrors } from './validation.js';

describe('toFieldErrors', () => {
  it('flattens nested errors into dotted field names and rewords unknown fields', () => {
    const errors: ValidationError[] = [
      { property: 'email', constraints: { isEmail: 'email must be an email' }, children: [] },
      { property: 'org', constraints: { whitelistValidation: 'property org should not exist' }, children: [] },
      {
        property: 'address',
        children: [{ property: 'city', constraints: { maxLength: 'city is too long' }, children: [] }],
      },
    ];
    expect(toFieldErrors(errors)).toEqual({
      email: ['email must be an email'],
      org: ['is not an allowed field'],
      'address.city': ['city is too long'],
    });
  });
});
