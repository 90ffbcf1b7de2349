import { ValidationFailedError } from '../errors/app-error.js';

/** The strong ETag of a record at a revision. */
export const etagOf = (revision: number): string => `"${revision}"`;

/** What If-Match or If-None-Match names: any current representation (`*`), or a list of tags. */
export type TagCondition = '*' | { strong: string[]; weak: string[] };

const TAG = /^\s*(W\/)?("[\x21\x23-\x7e\x80-\xff]*")\s*$/;

/**
 * Reads an If-Match or If-None-Match header as RFC 9110 §8.8.3 writes it (`*`, or entity tags
 * separated by commas); a malformed one is a 400 naming the header, not a silent mismatch.
 */
export function parseTagCondition(header: string, value: string | string[] | undefined): TagCondition | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(',') : value;
  if (text.trim() === '*') return '*';
  const strong: string[] = [];
  const weak: string[] = [];
  for (const part of text.split(',')) {
    const match = TAG.exec(part);
    if (!match) throw ValidationFailedError.field(header, 'must be * or entity tags in double quotes, e.g. "3"');
    (match[1] ? weak : strong).push(match[2]);
  }
  return { strong, weak };
}

/** If-Match: strong comparison, so a weak tag never matches. */
export const ifMatchHolds = (condition: TagCondition, etag: string): boolean => condition === '*' || condition.strong.includes(etag);

/** If-None-Match: weak comparison. */
export const noneMatchHolds = (condition: TagCondition, etag: string): boolean =>
  condition !== '*' && !condition.strong.includes(etag) && !condition.weak.includes(etag);
