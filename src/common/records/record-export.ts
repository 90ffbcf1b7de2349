import { Readable } from 'node:stream';

export type ExportFormat = 'csv' | 'ndjson';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson'];

/** A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return first). */
const FORMULA = /^[=+\-@\t\r]/;

/** One value as a CSV cell: lists joined with `;`, a formula-like start defused with `'`, quoted when it must be. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join(';') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Undoes csvCell's defusing when a file comes back in (the lead import). */
export const undefuseCell = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

const csvLine = (cells: readonly unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The bytes of an export, batch by batch as `batches` yields them: CSV with one header row of
 * `columns`, or one JSON object per line. The stream pulls the next batch only when the client has
 * taken the last (Readable.from), so memory holds one batch whatever the size.
 */
export function exportStream(format: ExportFormat, columns: readonly string[], batches: AsyncIterable<object[]>): Readable {
  async function* lines(): AsyncGenerator<string> {
    if (format === 'csv') yield csvLine(columns);
    for await (const batch of batches) {
      yield batch
        .map((item) => (format === 'csv' ? csvLine(columns.map((column) => (item as Record<string, unknown>)[column])) : `${JSON.stringify(item)}\n`))
        .join('');
    }
  }
  return Readable.from(lines(), { objectMode: false });
}
