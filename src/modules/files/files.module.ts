import { Global, Module } from '@nestjs/common';
import { FileStorage } from './file-storage.js';
import { LocalDiskStorage } from './local-disk.storage.js';
import { StorageQuota } from './storage-quota.js';

/** Where uploaded bytes live (attachments, documents): one FileStorage for the app, and each organization's quota. */
@Global()
@Module({ providers: [{ provide: FileStorage, useClass: LocalDiskStorage }, StorageQuota], exports: [FileStorage, StorageQuota] })
export class FilesModule {}
