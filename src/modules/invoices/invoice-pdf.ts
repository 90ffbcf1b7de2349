import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import type { InvoiceResponseDto } from './dto/invoice-responses.dto.js';

export interface InvoicePdfInput {
  organization: string;
  billTo: string;
  invoice: InvoiceResponseDto;
}

// DejaVu Sans covers Latin, Greek and Cyrillic names and every currency sign; the PDF standard
// fonts would print anything outside Windows-1252 as garbage. Read on the first PDF, not at
// start-up, and kept: only the glyphs used are embedded in each document.
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const file = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
    fonts = { regular: readFileSync(file), bold: readFileSync(file.replace('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf')) };
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

const addressOf = (invoice: InvoiceResponseDto) =>
  [
    invoice.billing_address_line,
    invoice.billing_street,
    [invoice.billing_postcode, invoice.billing_city].filter(Boolean).join(' '),
    invoice.billing_state,
    invoice.billing_country,
  ].filter(Boolean);

/** Table rows drawn between two turns of the event loop: drawing 500 lines at once would hold it for a few hundred ms. */
const ROWS_PER_TURN = 25;

/**
 * The invoice as an A4 PDF, streamed as it is written (the document is a Readable); a failure
 * while drawing destroys the stream with the error. Long tables continue on new pages under a
 * repeated header row.
 */
export function renderInvoicePdf(input: InvoicePdfInput): Readable {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Invoice ${input.invoice.invoice_number}`, Author: input.organization } });
  draw(doc, input).catch((error: unknown) => doc.destroy(error as Error));
  return doc as unknown as Readable;
}

async function draw(doc: PDFKit.PDFDocument, { organization, billTo, invoice }: InvoicePdfInput): Promise<void> {
  const { regular, bold } = loadFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
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
  row(COLUMNS.map((column) => column.title), 'bold');
  for (const [index, line] of invoice.lines.entries()) {
    row([line.description, line.quantity, money(line.unit_price), line.tax_rate, line.discount, money(line.amount)], 'regular');
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
