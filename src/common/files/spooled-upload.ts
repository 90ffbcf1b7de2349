import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { measuringStream } from './measure.js';

const HEAD_BYTES = 4096;

/** An upload held in a temporary file, with its size and first bytes (for sniffing its type). */
export interface SpooledUpload {
  path: string;
  size: number;
  head: Buffer;
  /** Deletes the file; safe to call twice. */
  discard(): Promise<void>;
}

/**
 * Streams an upload into a temporary file through pipeline(), so an aborted or over-limit upload
 * fails this request alone and leaves no file behind. Reading the file afterwards is decoupled
 * from the client's speed, and a half-received file is never acted on.
 */
export async function spoolUpload(source: Readable, prefix: string): Promise<SpooledUpload> {
  const path = join(tmpdir(), `crm-${prefix}-${randomUUID()}.upload`);
  const measure = measuringStream(HEAD_BYTES);
  const discard = () => rm(path, { force: true });
  try {
    await pipeline(source, measure.stream, createWriteStream(path, { flags: 'wx' }));
  } catch (error) {
    await discard();
    throw error;
  }
  return { path, size: measure.size(), head: measure.head(), discard };
}
