import { parentPort } from 'node:worker_threads';
import { drawInvoicePdf } from './invoice-pdf.js';
import type { InvoicePdfInput } from './invoice-pdf-input.js';
import { lowerThreadPriority } from './thread-priority.js';

/**
 * Drawing gives way to the process's requests: when every core is busy, the scheduler gives this
 * thread a tenth of the weight of the event loop and of PostgreSQL, so clients downloading PDFs
 * take less of the CPU that every other tenant's requests need. On an idle core it still draws at
 * full speed.
 */
const PDF_THREAD_NICENESS = 10;
lowerThreadPriority(PDF_THREAD_NICENESS);

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
