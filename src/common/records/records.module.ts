import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RecordKinds } from './record-kinds.js';

/** The registry of record kinds, available everywhere. */
@Global()
@Module({ imports: [DiscoveryModule], providers: [RecordKinds], exports: [RecordKinds] })
export class RecordsModule {}
