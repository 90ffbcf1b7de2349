import { Global, Module } from '@nestjs/common';
import { FileStorage } from './file-storage.js';
import { LocalDiskStorage } from './local-disk.storage.js';

/** Where uploaded bytes live (attachments, documents): one FileStorage for the app. */
@Global()
@Module({ providers: [{ provide: FileStorage, useClass: LocalDiskStorage }], exports: [FileStorage] })
export class FilesModule {}
