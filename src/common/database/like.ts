/**
 * A pattern for `ILIKE` that matches `value` anywhere, with `%`, `_` and `\` in the value
 * matching themselves (PostgreSQL's default LIKE escape character is the backslash).
 */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
