import { getMetadataStorage } from 'class-validator';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { ValidationFailedError } from './app-error.js';

type Constructor = abstract new (...args: never[]) => unknown;

/**
 * Refuses an array longer than its DTO's `@ArrayMaxSize` before anything looks at its elements.
 * class-validator checks every element of an array even when the array is too long, and
 * class-transformer first makes an instance of each: an invoice of 345,000 empty lines (1 MiB of
 * JSON) took 25 s of one thread and a 127 MB error body. Walks nested DTOs (`@Type`) the same way.
 */
export function assertArrayBounds(target: Constructor, value: unknown, path = ''): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  const body = value as Record<string, unknown>;
  const metas = getMetadataStorage().getTargetValidationMetadatas(target as never, '', true, false);
  for (const meta of metas) {
    const field = body[meta.propertyName];
    if (meta.name === 'arrayMaxSize' && Array.isArray(field) && field.length > (meta.constraints[0] as number)) {
      throw ValidationFailedError.field(`${path}${meta.propertyName}`, `${meta.propertyName} must contain no more than ${meta.constraints[0]} elements`);
    }
  }
  // Only once every array of this level is known to be within bounds are its elements walked.
  for (const meta of metas) {
    const field = body[meta.propertyName];
    if (meta.type !== 'nestedValidation' || !Array.isArray(field)) continue;
    const item = defaultMetadataStorage.findTypeMetadata(target, meta.propertyName)?.typeFunction();
    if (item) field.forEach((element, index) => assertArrayBounds(item, element, `${path}${meta.propertyName}.${index}.`));
  }
}
