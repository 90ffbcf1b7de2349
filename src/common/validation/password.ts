import { registerDecorator, type ValidationArguments } from 'class-validator';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** Why a password is refused, or null. `email` is the account's address, when known. */
export function passwordProblem(password: unknown, email?: string): string | null {
  if (typeof password !== 'string') return 'must be a string';
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim() === '') return 'must not be only spaces';
  const lower = password.trim().toLowerCase();
  if (new Set(lower).size === 1) return 'must not repeat one character';
  if (email) {
    const address = email.trim().toLowerCase();
    if (lower === address || lower === address.split('@')[0]) return 'must not be the e-mail address';
  }
  if (COMMON_PASSWORDS.has(lower.replace(/\s+/g, ''))) return 'is too common';
  return null;
}

/**
 * The password rule (docs/security.md): 10 to 128 characters, not only spaces, not the e-mail
 * address (read from `emailField` of the same body), not a common password.
 */
export function AcceptablePassword(emailField?: string): PropertyDecorator {
  const problem = (args: ValidationArguments) => {
    const email = emailField ? (args.object as Record<string, unknown>)[emailField] : undefined;
    return passwordProblem(args.value, typeof email === 'string' ? email : undefined);
  };
  return (target, propertyName) => {
    registerDecorator({
      name: 'acceptablePassword',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => problem(args) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${problem(args) ?? 'is not acceptable'}`,
      },
    });
  };
}
