/**
 * Constants of the code (enum values) written into a statement's text instead of bound as
 * parameters: a prepared statement's generic plan can then use a partial index whose predicate
 * names them (`WHERE status NOT IN ('closed', 'converted')`); it never can for a `$n`, and
 * PostgreSQL either runs that worse plan or replans on every execution. Never for request values.
 */
export function sqlLiterals(values: readonly string[]): string {
  return values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
}
