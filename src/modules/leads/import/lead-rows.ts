import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../../common/errors/app-error.js';

/** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface RawRow {
  row: number;
  cells: string[];
}

export type FileKind = 'csv' | 'xlsx';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const unsupported = () =>
  new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'leads_file must be a UTF-8 CSV or an XLSX workbook', {
    leads_file: ['must be a UTF-8 CSV or an XLSX workbook'],
  });

/**
 * Looks at the first bytes: a zip is an XLSX workbook, valid UTF-8 text without NUL bytes is CSV,
 * anything else (an image renamed .csv, say) is refused. Returns the stream with those bytes put back.
 */
export async function sniffFile(source: Readable): Promise<{ kind: FileKind; stream: Readable }> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : Buffer.from(first.value as Buffer);
  if (head.length === 0) {
    throw new AppError(400, 'VALIDATION_FAILED', 'The file is empty', { leads_file: ['is empty'] });
  }
  let kind: FileKind;
  if (head.subarray(0, 4).equals(ZIP)) kind = 'xlsx';
  else if (!head.includes(0) && !head.subarray(0, Math.max(0, head.length - 3)).toString('utf8').includes('\uFFFD')) kind = 'csv';
  else {
    source.resume();
    throw unsupported();
  }
  async function* replay() {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
  }
  return { kind, stream: Readable.from(replay(), { objectMode: false }) };
}

/** CSV rows as they stream in; every row is kept, whatever its length, so it can be reported. */
export async function* csvRows(stream: Readable): AsyncGenerator<RawRow> {
  const parser = stream.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 64 * 1024 }),
  );
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
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

/** The first worksheet's rows, streamed (the workbook is never loaded whole). */
export async function* xlsxRows(stream: Readable): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = Array.from(values, (value) => cellText(value as ExcelJS.CellValue));
        if (cells.some((cell) => cell !== '')) yield { row: row.number, cells };
      }
      return;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(400, 'VALIDATION_FAILED', 'The workbook cannot be read', {
      leads_file: [error instanceof Error ? error.message : 'is not a valid XLSX workbook'],
    });
  }
}
