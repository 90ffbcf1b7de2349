import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

// RFC 5322 dot-atom local part and a DNS host name with a letter TLD: no display names
// ("x <b@evil.example>"), no lists ("a@x.co,b@y.co"), no address literals ("a@[127.0.0.1]").
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const PLAIN_ADDRESS = new RegExp(`^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+[A-Za-z]{2,63}$`);

/** Whether `value` is one plain mailbox address (addr-spec), as mail headers will carry it. */
export function isPlainAddress(value: string): boolean {
  return value.length <= 254 && PLAIN_ADDRESS.test(value);
}

/** class-validator form of isPlainAddress, for addresses that go into outgoing mail. */
export function IsPlainAddress(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPlainAddress',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isPlainAddress(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} ${options?.each ? 'must hold only plain e-mail addresses' : 'must be a plain e-mail address'} (name@example.com)`,
      },
    });
}
