import { registerDecorator, type ValidationArguments } from 'class-validator';
import { IANAZone } from 'luxon';

/** An IANA time zone name the runtime knows (`Europe/Berlin`, `America/New_York`, `UTC`). */
export const isTimeZone = (value: unknown): value is string => typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value);

export function IsTimeZone(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => isTimeZone(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be an IANA time zone name such as Europe/Berlin or UTC`,
      },
    });
}
