import { registerDecorator, type ValidationArguments } from 'class-validator';

/** ISO 4217 codes the runtime knows (Intl's list: every active currency). */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const isCurrency = (value: unknown): value is string => typeof value === 'string' && CURRENCIES.has(value);

/** An ISO 4217 currency code, upper case (`USD`, `EUR`, `JPY`). */
export function IsCurrency(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCurrency',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => isCurrency(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be an ISO 4217 currency code such as USD or EUR`,
      },
    });
}
