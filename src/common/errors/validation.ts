import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { assertArrayBounds } from './array-bounds.js';
import { type FieldErrors, ValidationFailedError } from './app-error.js';

/** An answer names at most this many fields; the message says how many more there were. */
export const MAX_FIELD_ERRORS = 100;

/**
 * A missing value fails every rule of its field; the reason that says so comes first, so the first
 * reason (what a lead import reports for a row) reads "should not be empty", not "must be shorter".
 */
const FIRST = ['whitelistValidation', 'isDefined', 'isNotEmpty'];
const rank = (rule: string) => (FIRST.includes(rule) ? FIRST.indexOf(rule) : FIRST.length);

function collect(errors: ValidationError[], prefix: string, into: FieldErrors): FieldErrors {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const reasons = Object.entries(error.constraints ?? {})
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([rule, text]) => (rule === 'whitelistValidation' ? 'is not an allowed field' : text));
    if (reasons.length > 0) into[path] = [...(into[path] ?? []), ...reasons];
    if (error.children?.length) collect(error.children, path, into);
  }
  return into;
}

/** Flattens class-validator's tree into `{ "field": ["reason"] }`, nested fields dotted. */
export function toFieldErrors(errors: ValidationError[]): FieldErrors {
  return collect(errors, '', {});
}

/** The first MAX_FIELD_ERRORS fields at fault, and a message that counts the rest. */
export function toValidationFailure(errors: ValidationError[]): ValidationFailedError {
  const fields = Object.entries(toFieldErrors(errors));
  if (fields.length <= MAX_FIELD_ERRORS) return new ValidationFailedError(Object.fromEntries(fields));
  const shown = Object.fromEntries(fields.slice(0, MAX_FIELD_ERRORS));
  return new ValidationFailedError(shown, `The request has invalid fields: ${fields.length} in all, the first ${MAX_FIELD_ERRORS} named`);
}

/**
 * Unknown fields are rejected, not dropped, so a typo never becomes a silent no-op; an array past
 * its `@ArrayMaxSize` is refused before its elements are looked at (see array-bounds.ts).
 */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype && typeof value === 'object') assertArrayBounds(metadata.metatype, value);
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: toValidationFailure,
  });
}
