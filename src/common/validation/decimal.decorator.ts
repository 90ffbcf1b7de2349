import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, registerDecorator, type ValidationArguments } from 'class-validator';

interface DecimalOptions {
  /** Digits allowed after the point. */
  places: number;
  /** Inclusive upper bound (a percentage's 100, say). */
  max?: number;
  /** Zero refused (a quantity). */
  positive?: boolean;
  required?: boolean;
  example?: string;
  description?: string;
}

/**
 * A non-negative decimal sent as a string ("12.5") or a JSON number, kept as a string so no float
 * ever touches it; the reason names the field and the rule it broke.
 */
export function DecimalString(options: DecimalOptions) {
  const pattern = new RegExp(`^\\d{1,12}(\\.\\d{1,${options.places}})?$`);
  const rule = [
    `a ${options.positive ? 'positive' : 'non-negative'} number with at most ${options.places} decimals`,
    options.max === undefined ? '' : ` and at most ${options.max}`,
  ].join('');
  const schema = { type: String, pattern: pattern.source, maxLength: 16, example: options.example, description: options.description };
  return applyDecorators(
    options.required ? ApiProperty(schema) : ApiPropertyOptional(schema),
    ...(options.required ? [] : [IsOptional()]),
    Transform(({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value)),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'decimalString',
        target: target.constructor,
        propertyName: propertyName as string,
        validator: {
          validate: (value: unknown) =>
            typeof value === 'string' &&
            pattern.test(value) &&
            (!options.positive || Number(value) > 0) &&
            (options.max === undefined || Number(value) <= options.max),
          defaultMessage: (args: ValidationArguments) => `${args.property} must be ${rule}, like "${options.example ?? '1.5'}"`,
        },
      }),
  );
}
