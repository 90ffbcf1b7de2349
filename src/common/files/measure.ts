import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/**
 * A pass-through that counts bytes, hashes them (SHA-256) and keeps the first `headBytes` (to sniff
 * the content's type).
 */
export function measuringStream(headBytes: number): { stream: Transform; size(): number; head(): Buffer; sha256(): string } {
  const hash = createHash('sha256');
  let size = 0;
  let headLength = 0;
  const chunks: Buffer[] = [];
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      hash.update(chunk);
      if (headLength < headBytes) {
        chunks.push(chunk.subarray(0, headBytes - headLength));
        headLength += Math.min(chunk.length, headBytes - headLength);
      }
      callback(null, chunk);
    },
  });
  return { stream, size: () => size, head: () => Buffer.concat(chunks), sha256: () => hash.digest('hex') };
}
