import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { InvoicePdfInput } from './invoice-pdf-input.js';

/** A PDF is cached by everything it prints: the same input draws the same bytes. */
export const pdfKeyOf = (input: InvoicePdfInput): string => createHash('sha256').update(JSON.stringify(input)).digest('base64url').slice(0, 27);

/**
 * The PDFs drawn lately, by what they print, at most PDF_CACHE_BYTES in all (least recently used
 * go first): a second download of an invoice that has not changed, drawn or sent, costs no
 * render, and any change to what it prints (a line, the bill-to name, the organization's name)
 * is a new key, so nothing stale is ever served. Per process.
 */
@Injectable()
export class PdfCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly config: AppConfig) {}

  get(key: string): Buffer | undefined {
    const pdf = this.entries.get(key);
    if (pdf) {
      this.entries.delete(key);
      this.entries.set(key, pdf);
    }
    return pdf;
  }

  put(key: string, pdf: Buffer): void {
    const limit = this.config.pdf.cacheBytes;
    if (pdf.length > limit || this.entries.has(key)) return;
    this.entries.set(key, pdf);
    this.bytes += pdf.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= limit) break;
      this.entries.delete(oldest);
      this.bytes -= old.length;
    }
  }
}
