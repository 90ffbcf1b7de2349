import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldErrors, ValidationFailedError } from './app-error.js';

function collect(errors: ValidationError[], prefix: string, into: FieldErrors): FieldErrors {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const reasons = Object.entries(error.constraints ?? {}).map(([rule, text]) =>
      rule === 'whitelistValidation' ? 'is not an allowed field' : text,
    );
    if (reasons.length > 0) into[path] = [...(into[path] ?? []), ...reasons];
    if (error.children?.length) collect(error.children, path, into);
  }
  return into;
}

/** Flattens class-validator's tree into `{ "field": ["reason"] }`, nested fields dotted. */
export function toFieldErrors(errors: ValidationError[]): FieldErrors {
  return collect(errors, '', {});
}

/** Unknown fields are rejected, not dropped, so a typo never becomes a silent no-op. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(toFieldErrors(errors)),
  });
}
