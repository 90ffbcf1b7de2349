import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../../../common/errors/app-error.js';

/** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface RawRow {
  row: number;
  cells: string[];
}

export type FileKind = 'csv' | 'xlsx';

/** More rows than any import needs: a file with more is refused whole (413). */
export const MAX_IMPORT_ROWS = 1_000_000;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Looks at the first bytes: a zip is an XLSX workbook, valid UTF-8 text without NUL bytes is CSV,
 * anything else (an image renamed .csv, say) is refused with 415.
 */
export function sniffKind(head: Buffer): FileKind {
  if (head.length === 0) {
    throw new AppError(400, 'VALIDATION_FAILED', 'The file is empty', { leads_file: ['is empty'] });
  }
  if (head.subarray(0, 4).equals(ZIP)) return 'xlsx';
  // The last three bytes may be a character cut in half by the sample's end.
  if (!head.includes(0) && !head.subarray(0, Math.max(0, head.length - 3)).toString('utf8').includes('\uFFFD')) return 'csv';
  throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'leads_file must be a UTF-8 CSV or an XLSX workbook', {
    leads_file: ['must be a UTF-8 CSV or an XLSX workbook'],
  });
}

/** CSV rows of a file on disk; every row is kept, whatever its length, so it can be reported. */
export async function* csvRows(path: string): AsyncGenerator<RawRow> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 64 * 1024 });
  // pipeline() forwards a read error to the parser, where the loop below sees it.
  pipeline(createReadStream(path), parser, () => undefined);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells: record };
    }
  } catch (error) {
    throw new AppError(400, 'VALIDATION_FAILED', `The CSV cannot be read after row ${row}`, {
      leads_file: [error instanceof Error ? error.message : 'is not valid CSV'],
    });
  } finally {
    parser.destroy();
  }
}

/** Refuses a file with more than MAX_IMPORT_ROWS data rows. */
export async function* capped(rows: AsyncGenerator<RawRow>): AsyncGenerator<RawRow> {
  let count = 0;
  for await (const row of rows) {
    if (++count > MAX_IMPORT_ROWS + 1) {
      throw new AppError(413, 'IMPORT_TOO_LARGE', 'The file has more than 1,000,000 rows', {
        leads_file: ['has more than 1,000,000 rows; split it'],
      });
    }
    yield row;
  }
}
