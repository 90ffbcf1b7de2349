import { Transform } from 'class-transformer';

/** Query strings and form fields carry `true`/`false` as text; anything else stays invalid. */
export const ToBoolean = () =>
  Transform(({ value }: { value: unknown }) => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    return value;
  });
