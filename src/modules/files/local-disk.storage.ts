import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { measuringStream } from '../../common/files/measure.js';
import { AppConfig } from '../../config/app-config.js';
import { FileStorage, type StoredFile } from './file-storage.js';

const HEAD_BYTES = 4100;

/** Files under UPLOAD_DIR, written to a temporary name and renamed when complete. */
@Injectable()
export class LocalDiskStorage extends FileStorage {
  private readonly root: string;

  constructor(config: AppConfig) {
    super();
    this.root = resolve(config.uploads.dir);
  }

  async save(key: string, source: Readable): Promise<StoredFile> {
    const path = this.pathOf(key);
    const partial = `${path}.partial`;
    await mkdir(dirname(path), { recursive: true });
    const measure = measuringStream(HEAD_BYTES);
    try {
      await pipeline(source, measure.stream, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { size: measure.size(), head: measure.head(), sha256: measure.sha256() };
  }

  async open(key: string): Promise<Readable> {
    return createReadStream(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Keys are server-made, but a key must still never escape the upload directory. */
  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`Storage key outside the upload directory: ${key}`);
    return path;
  }
}
