import type { Readable } from 'node:stream';

export interface StoredFile {
  size: number;
  /** The first bytes of the file, for content sniffing. */
  head: Buffer;
  /** Hex SHA-256 of the whole file. */
  sha256: string;
}

/**
 * Where uploaded bytes live. Local disk now; an object store is another implementation bound to
 * this token, with no change to callers.
 */
export abstract class FileStorage {
  /** Streams `source` to `key`; on any failure nothing is left behind. */
  abstract save(key: string, source: Readable): Promise<StoredFile>;
  abstract open(key: string): Promise<Readable>;
  abstract delete(key: string): Promise<void>;
}
