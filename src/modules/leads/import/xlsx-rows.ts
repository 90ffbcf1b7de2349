import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { AppError } from '../../../common/errors/app-error.js';
import type { RawRow } from './lead-rows.js';

/** What one workbook may unpack to: shared strings are held in memory, the sheet is streamed. */
export const XLSX_LIMITS = {
  sharedStringsBytes: 16 * 1024 * 1024,
  sharedStrings: 500_000,
  sheetBytes: 512 * 1024 * 1024,
  /** Characters of one cell: far above any lead field (the longest, description, takes 10,000). */
  cellChars: 64 * 1024,
  /** Characters of one row, its shared strings included: a sheet of 1 MiB cells inflated to 420 MB in memory. */
  rowChars: 1024 * 1024,
  /** Excel's own last column (XFD). */
  columns: 16_384,
};

const tooLarge = (what: string) =>
  new AppError(413, 'IMPORT_TOO_LARGE', `The workbook is too large: ${what}`, { leads_file: [`is too large: ${what}`] });

const unreadable = (reason: string) =>
  new AppError(400, 'VALIDATION_FAILED', 'The workbook cannot be read', { leads_file: [reason] });

type ZipFile = yauzl.ZipFile;

/** An element's local name: SpreadsheetML may be written with a prefix (`<x:row>`), valid and seen in the wild. */
const local = (tag: { name: string }) => tag.name.slice(tag.name.indexOf(':') + 1);

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) =>
      error ? reject(unreadable('is not a valid XLSX workbook')) : resolve(zip),
    ),
  );
}

/** Every entry of the archive, from its central directory (nothing is unpacked yet). */
function listEntries(zip: ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(unreadable('is not a valid XLSX workbook')));
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(unreadable('has a damaged part')) : resolve(stream))),
  );
}

/**
 * Feeds an XML part to a SAX parser and hands over what `collect` gathered after each chunk. The
 * archive's declared size was checked against the limits before, and yauzl refuses a part that
 * unpacks to more than it declares, so a zip bomb cannot get past the limits.
 */
async function* parseXml<T>(stream: Readable, setup: (parser: SaxesParser, out: T[]) => void): AsyncGenerator<T> {
  const parser = new SaxesParser();
  const out: T[] = [];
  setup(parser, out);
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      yield* out.splice(0);
    }
    parser.close();
    yield* out.splice(0);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(error instanceof Error ? error.message : 'is not a valid XLSX workbook');
  } finally {
    stream.destroy();
  }
}

/** The workbook's shared string table: the text of each `<si>`, rich-text runs joined, phonetic hints left out. */
async function readSharedStrings(zip: ZipFile, entry: yauzl.Entry | undefined): Promise<string[]> {
  if (!entry) return [];
  if (entry.uncompressedSize > XLSX_LIMITS.sharedStringsBytes) throw tooLarge('its shared strings exceed 16 MiB');
  const strings: string[] = [];
  const texts = parseXml<string>(await openEntry(zip, entry), (parser, out) => {
    let current: string[] | null = null;
    let inText = false;
    let phonetic = 0;
    parser.on('opentag', (tag: SaxesTagPlain) => {
      if (local(tag) === 'si') current = [];
      else if (local(tag) === 'rPh') phonetic += 1;
      else if (local(tag) === 't' && phonetic === 0) inText = true;
    });
    parser.on('text', (text) => {
      if (inText && current) current.push(text);
    });
    parser.on('closetag', (tag: SaxesTagPlain) => {
      if (local(tag) === 't') inText = false;
      else if (local(tag) === 'rPh') phonetic -= 1;
      else if (local(tag) === 'si' && current) {
        out.push(current.join(''));
        current = null;
      }
    });
  });
  for await (const text of texts) {
    if (strings.length >= XLSX_LIMITS.sharedStrings) throw tooLarge('more than 500,000 shared strings');
    strings.push(text);
  }
  return strings;
}

/** "BC12" -> 54 (0-based column of the cell reference). */
function columnOf(reference: string | undefined): number | null {
  const letters = reference?.match(/^[A-Z]+/)?.[0];
  if (!letters) return null;
  return [...letters].reduce((column, letter) => column * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

/** The first worksheet, lowest-numbered (sheet1.xml in every workbook Excel writes). */
function firstSheet(entries: Map<string, yauzl.Entry>): yauzl.Entry | undefined {
  const sheets = [...entries.keys()]
    .map((name) => ({ name, number: Number(name.match(/^xl\/worksheets\/sheet(\d+)\.xml$/)?.[1]) }))
    .filter((sheet) => Number.isInteger(sheet.number))
    .sort((a, b) => a.number - b.number);
  return sheets[0] && entries.get(sheets[0].name);
}

/**
 * The sheet's rows, each bounded while it streams: a cell's text, a row's (shared strings
 * counted), and its columns, so no row can grow past a few MiB of memory (413 beyond).
 */
function sheetRows(stream: Readable, strings: string[]): AsyncGenerator<RawRow> {
  return parseXml<RawRow>(stream, (parser, out) => {
    let row: (RawRow & { chars: number }) | null = null;
    let cell: { column: number; type: string; text: string[]; chars: number } | null = null;
    let capture = false;
    const where = () => `row ${row?.row || 'without a number'}`;
    parser.on('opentag', (tag: SaxesTagPlain) => {
      if (local(tag) === 'row') {
        row = { row: Number(tag.attributes.r) || 0, cells: [], chars: 0 };
      } else if (local(tag) === 'c' && row) {
        const column = columnOf(tag.attributes.r) ?? row.cells.length;
        if (column >= XLSX_LIMITS.columns) throw tooLarge(`${where()} has a cell past the last column (XFD)`);
        cell = { column, type: tag.attributes.t ?? 'n', text: [], chars: 0 };
      } else if (cell && (local(tag) === 'v' || (local(tag) === 't' && cell.type === 'inlineStr'))) {
        capture = true;
      }
    });
    parser.on('text', (text) => {
      if (!capture || !cell) return;
      cell.chars += text.length;
      if (cell.chars > XLSX_LIMITS.cellChars) throw tooLarge(`${where()} has a cell longer than 64 KiB`);
      cell.text.push(text);
    });
    parser.on('closetag', (tag: SaxesTagPlain) => {
      if (local(tag) === 'v' || local(tag) === 't') capture = false;
      else if (local(tag) === 'c' && cell && row) {
        const raw = cell.text.join('');
        const value = cell.type === 's' ? (strings[Number(raw)] ?? '') : cell.type === 'b' ? String(raw === '1') : cell.type === 'e' ? '' : raw;
        if (value.length > XLSX_LIMITS.cellChars) throw tooLarge(`${where()} has a cell longer than 64 KiB`);
        row.chars += value.length;
        if (row.chars > XLSX_LIMITS.rowChars) throw tooLarge(`${where()} is longer than 1 MiB`);
        while (row.cells.length < cell.column) row.cells.push('');
        row.cells[cell.column] = value.trim();
        cell = null;
      } else if (local(tag) === 'row' && row) {
        if (row.cells.some((value) => value !== '')) out.push({ row: row.row, cells: row.cells });
        row = null;
      }
    });
  });
}

/**
 * The first worksheet's rows of an XLSX file on disk, streamed. Sizes come from the archive's
 * directory and are checked before anything is unpacked; no temporary file is written.
 */
export async function* xlsxRows(path: string): AsyncGenerator<RawRow> {
  const zip = await openZip(path);
  try {
    const entries = await listEntries(zip);
    const sheet = firstSheet(entries);
    if (!sheet) throw unreadable('has no worksheet');
    if (sheet.uncompressedSize > XLSX_LIMITS.sheetBytes) throw tooLarge('its first sheet unpacks to more than 512 MiB');
    const strings = await readSharedStrings(zip, entries.get('xl/sharedStrings.xml'));
    yield* sheetRows(await openEntry(zip, sheet), strings);
  } finally {
    zip.close();
  }
}
