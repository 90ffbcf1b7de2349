import { Transform } from 'class-transformer';

/**
 * Takes another vocabulary's word for a value this API spells differently (Django-CRM's `close`
 * for `closed`), matched ignoring case; the stored and answered value is always this API's.
 */
export const Alias = (aliases: Record<string, string>) => {
  const byWord = new Map(Object.entries(aliases).map(([word, value]) => [word.toLowerCase(), value]));
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (byWord.get(value.trim().toLowerCase()) ?? value) : value));
};
