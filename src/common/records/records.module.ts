import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RecordKinds } from './record-kinds.js';
import { RecordStores } from './record-store.js';

/** The registry of record kinds and the stores their services build on, available everywhere. */
@Global()
@Module({ imports: [DiscoveryModule], providers: [RecordKinds, RecordStores], exports: [RecordKinds, RecordStores] })
export class RecordsModule {}
