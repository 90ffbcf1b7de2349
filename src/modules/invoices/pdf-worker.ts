import { parentPort } from 'node:worker_threads';
import { drawInvoicePdf } from './invoice-pdf.js';
import type { InvoicePdfInput } from './invoice-pdf-input.js';

/** A worker thread of PdfRenderer: draws one PDF at a time and hands back its bytes. */
parentPort!.on('message', async ({ id, input }: { id: number; input: InvoicePdfInput }) => {
  try {
    const pdf = await drawInvoicePdf(input);
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    parentPort!.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
