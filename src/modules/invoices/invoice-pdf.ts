import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setImmediate } from 'node:timers/promises';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { InvoicePdfInput, PdfInvoice } from './invoice-pdf-input.js';

/** Characters of a line's description the PDF prints (the API keeps all 1,000); the rest is cut with an ellipsis. */
export const PDF_DESCRIPTION_CHARS = 300;
/** Pages one PDF may take; a table that would run longer ends with a line saying which lines are left out. */
export const PDF_MAX_PAGES = 100;

// DejaVu Sans covers Latin, Greek and Cyrillic names and every currency sign; the PDF standard
// fonts would print anything outside Windows-1252 as garbage. Read and parsed (fontkit) on the
// first PDF of a worker and kept: parsing both faces was most of a 5-line invoice's time. Each
// document embeds only the glyphs it uses, from its own subset of the shared parsed font.
let fonts: { regular: fontkit.Font; bold: fontkit.Font } | undefined;
function loadFonts(): { regular: fontkit.Font; bold: fontkit.Font } {
  if (!fonts) {
    const file = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    const parse = (path: string) => fontkit.create(readFileSync(path)) as fontkit.Font;
    fonts = { regular: parse(file), bold: parse(file.replace('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf')) };
  }
  return fonts;
}

const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4
const CONTENT = PAGE_WIDTH - 2 * MARGIN;
/** The line-item table: description takes what the numbers leave. */
const COLUMNS = [
  { title: 'Description', width: 205, align: 'left' },
  { title: 'Qty', width: 45, align: 'right' },
  { title: 'Unit price', width: 70, align: 'right' },
  { title: 'Tax %', width: 40, align: 'right' },
  { title: 'Disc. %', width: 45, align: 'right' },
  { title: 'Amount', width: CONTENT - 405, align: 'right' },
] as const;

/** Amounts in the currency's own format (places and sign); strings keep every digit exact. */
const moneyFormat = (currency: string) => {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return (amount: string) => format.format(amount as unknown as number);
};

const addressOf = (invoice: PdfInvoice) =>
  [
    invoice.billing_address_line,
    invoice.billing_street,
    [invoice.billing_postcode, invoice.billing_city].filter(Boolean).join(' '),
    invoice.billing_state,
    invoice.billing_country,
  ].filter(Boolean);

/** Table rows drawn between two turns of the event loop, where the drawing runs in the app's own thread (tests). */
const ROWS_PER_TURN = 25;

const cut = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);

/**
 * The invoice as an A4 PDF. Long tables continue on new pages under a repeated header row. Drawing
 * is CPU work (a long invoice takes seconds): the app runs this in a worker thread (pdf-renderer.ts).
 */
export async function drawInvoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  // font: null, or pdfkit would load Helvetica's metrics for every document, to use none of it.
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, font: null as unknown as string, info: { Title: `Invoice ${input.invoice.invoice_number}`, Author: input.organization } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  await draw(doc, input);
  await ended;
  return Buffer.concat(chunks);
}

async function draw(doc: PDFKit.PDFDocument, { organization, billTo, invoice }: InvoicePdfInput): Promise<void> {
  const { regular, bold } = loadFonts();
  // pdfkit takes a parsed fontkit font as a font source (PDFFontFactory.open).
  doc.registerFont('regular', regular as unknown as Buffer);
  doc.registerFont('bold', bold as unknown as Buffer);
  const money = moneyFormat(invoice.currency);

  doc.font('bold').fontSize(18).text(organization, { width: CONTENT - 150 });
  doc.fontSize(18).text('INVOICE', MARGIN, MARGIN, { width: CONTENT, align: 'right' });
  doc.moveDown(2).font('regular').fontSize(10);
  const top = doc.y;
  doc.font('bold').text('Bill to', MARGIN, top).font('regular').text(billTo);
  for (const line of addressOf(invoice)) doc.text(line);
  const billToBottom = doc.y;
  const facts: [string, string][] = [
    ['Invoice number', invoice.invoice_number],
    ['Issue date', invoice.issue_date ?? '—'],
    ['Due date', invoice.due_date ?? '—'],
  ];
  doc.y = top;
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.text(label, MARGIN + CONTENT / 2, y, { width: 110 });
    doc.text(value, MARGIN + CONTENT / 2 + 110, y, { width: CONTENT / 2 - 110, align: 'right' });
  }
  doc.y = Math.max(doc.y, billToBottom) + 20;
  doc.x = MARGIN;
  doc.font('bold').fontSize(12).text(invoice.invoice_title).moveDown(0.5).fontSize(9);

  const row = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font);
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: COLUMNS[i].width - 6 })));
    if (doc.y + height > doc.page.height - MARGIN) {
      doc.addPage();
      if (font === 'regular') row(COLUMNS.map((column) => column.title), 'bold');
      doc.font(font);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.text(cell, x + 3, y, { width: COLUMNS[i].width - 6, align: COLUMNS[i].align });
      x += COLUMNS[i].width;
    });
    doc.y = y + height + 4;
  };
  let pages = 1;
  doc.on('pageAdded', () => (pages += 1));
  row(COLUMNS.map((column) => column.title), 'bold');
  for (const [index, line] of invoice.lines.entries()) {
    // Room is kept for the totals, notes and terms after the table.
    if (pages >= PDF_MAX_PAGES - 5) {
      doc.font('regular').text(`Lines ${index + 1} to ${invoice.lines.length} are not shown: a PDF holds at most ${PDF_MAX_PAGES} pages. Every line is in the API.`);
      break;
    }
    row([cut(line.description, PDF_DESCRIPTION_CHARS), line.quantity, money(line.unit_price), line.tax_rate, line.discount, money(line.amount)], 'regular');
    if (index % ROWS_PER_TURN === ROWS_PER_TURN - 1) await setImmediate();
  }

  doc.moveDown().fontSize(10);
  const totals: [string, string, 'regular' | 'bold'][] = [
    ['Subtotal', invoice.subtotal, 'regular'],
    ['Discount', invoice.discount_total, 'regular'],
    ['Tax', invoice.tax_total, 'regular'],
    ['Total', invoice.total, 'bold'],
    ['Paid', invoice.amount_paid, 'regular'],
    ['Amount due', invoice.amount_due, 'bold'],
  ];
  for (const [label, amount, font] of totals) {
    if (doc.y + 20 > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    doc.font(font).text(label, MARGIN + CONTENT - 250, y, { width: 120 });
    doc.text(money(amount), MARGIN + CONTENT - 130, y, { width: 130, align: 'right' });
  }
  doc.x = MARGIN;
  for (const [label, text] of [['Notes', invoice.notes], ['Terms', invoice.terms]] as const) {
    if (!text) continue;
    doc.moveDown().font('bold').text(label, MARGIN, doc.y, { width: CONTENT }).font('regular').text(text, { width: CONTENT });
  }
  doc.end();
}
