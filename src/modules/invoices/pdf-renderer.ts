import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ServiceBusyError } from '../../common/errors/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import type { InvoicePdfInput } from './invoice-pdf-input.js';

interface Job {
  input: InvoicePdfInput;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

interface Lane {
  worker: Worker;
  busy: Map<number, Job>;
}

const WORKER = new URL('./pdf-worker.js', import.meta.url);

/**
 * Draws invoice PDFs in worker threads (PDF_WORKERS of them), never on the event loop: a long
 * invoice takes seconds of CPU, and ten clients downloading invoices slowed every other tenant.
 * At most PDF_QUEUE renders wait; past that the answer is 503 with Retry-After. Run from the
 * TypeScript sources (the test runner), where no compiled worker exists, it draws in this thread.
 */
@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger(PdfRenderer.name);
  private readonly lanes: Lane[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private readonly inThisThread = fileURLToPath(import.meta.url).endsWith('.ts');

  constructor(private readonly config: AppConfig) {}

  render(input: InvoicePdfInput): Promise<Buffer> {
    if (this.inThisThread) return import('./invoice-pdf.js').then(({ drawInvoicePdf }) => drawInvoicePdf(input));
    if (this.waiting.length >= this.config.pdf.queue) return Promise.reject(new ServiceBusyError());
    return new Promise<Buffer>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length) {
      const lane = this.idleLane();
      if (!lane) return;
      const job = this.waiting.shift()!;
      const id = this.nextId++;
      lane.busy.set(id, job);
      lane.worker.postMessage({ id, input: job.input });
    }
  }

  private idleLane(): Lane | undefined {
    const idle = this.lanes.find((lane) => lane.busy.size === 0);
    if (idle || this.lanes.length >= this.config.pdf.workers) return idle;
    const lane: Lane = { worker: new Worker(WORKER), busy: new Map() };
    lane.worker.on('message', ({ id, bytes, error }: { id: number; bytes?: Uint8Array; error?: string }) => {
      const job = lane.busy.get(id);
      lane.busy.delete(id);
      if (error !== undefined) job?.reject(new Error(`The PDF could not be drawn: ${error}`));
      else job?.resolve(Buffer.from(bytes!.buffer, bytes!.byteOffset, bytes!.byteLength));
      this.dispatch();
    });
    // A worker that dies fails what it held; the next render starts a new one.
    lane.worker.on('error', (error) => this.retire(lane, error));
    lane.worker.on('exit', (code) => this.retire(lane, new Error(`the PDF worker exited with ${code}`)));
    lane.worker.unref();
    this.lanes.push(lane);
    return lane;
  }

  private retire(lane: Lane, error: Error): void {
    const index = this.lanes.indexOf(lane);
    if (index < 0) return;
    this.lanes.splice(index, 1);
    if (lane.busy.size) this.logger.warn(`PDF worker stopped with ${lane.busy.size} render(s) in hand: ${error.message}`);
    for (const job of lane.busy.values()) job.reject(error);
    this.dispatch();
  }

  async onApplicationShutdown(): Promise<void> {
    const lanes = this.lanes.splice(0);
    await Promise.all(lanes.map((lane) => lane.worker.terminate()));
  }
}
