import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from './error-codes.js';

describe('the error code catalog', () => {
  it('is the table in docs/errors.md, code for code', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'errors.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (.+) \|$/gm)].map(([, code, status, meaning]) => [code, Number(status), meaning]);
    const catalog = Object.entries(ERROR_CODES).map(([code, { status, meaning }]) => [code, status, meaning]);
    expect(new Set(rows.map(String))).toEqual(new Set(catalog.map(String)));
  });
});
