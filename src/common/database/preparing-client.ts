import pg from 'pg';

/** Prepared statements one connection keeps; past it, new texts run unnamed (the pool retires idle connections). */
export const PREPARED_PER_CONNECTION = 250;
/**
 * Distinct texts given a name, and their characters in all (texts with long IN lists are long);
 * past either, the table starts over (names are never reused for another text).
 */
const NAMED_TEXTS = 5_000;
const NAMED_CHARS = 8_000_000;

const names = new Map<string, string>();
let namedChars = 0;
let issued = 0;

function nameFor(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= NAMED_TEXTS || namedChars + text.length > NAMED_CHARS) {
      names.clear();
      namedChars = 0;
    }
    name = `crm_${(issued++).toString(36)}`;
    names.set(text, name);
    namedChars += text.length;
  }
  return name;
}

/**
 * Starts a statement that PreparingClient runs unnamed, planned for its parameters and the tables
 * as they stand on every execution: for a statement whose best plan changes while it is being
 * repeated (a lookup into a table the same transaction is filling).
 */
export const PLANNED_EACH_TIME = '/* planned each time */';

/**
 * A pg client that runs each parameterized statement as a named prepared statement, so PostgreSQL
 * parses and plans a text once per connection instead of on every request: for the API's short
 * reads, parsing and planning cost several times the execution (a lead's detail row: 0.7 ms of
 * parse and plan, 0.1 ms of execution). Statements without parameters (transaction control,
 * migrations) and those starting with PLANNED_EACH_TIME run as they are. Each connection prepares at most PREPARED_PER_CONNECTION texts, so a
 * stream of distinct texts (IN lists of every length) cannot grow a server process without bound.
 */
export class PreparingClient extends pg.Client {
  private readonly mine = new Set<string>();

  // pg's overloads (text, config, stream; promise or callback) are passed through untouched.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [text, values, callback] = args as unknown[];
    const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 && !text.startsWith(PLANNED_EACH_TIME) ? this.claim(text) : null;
    const run = super.query as (...rest: unknown[]) => unknown;
    return name ? run.call(this, { name, text, values }, callback) : run.apply(this, args);
  }

  private claim(text: string): string | null {
    const name = nameFor(text);
    if (this.mine.has(name)) return name;
    if (this.mine.size >= PREPARED_PER_CONNECTION) return null;
    this.mine.add(name);
    return name;
  }
}
