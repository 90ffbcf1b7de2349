import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config.js';
import { ListCursors } from '../pagination/list-cursors.js';
import { RecordKinds } from './record-kinds.js';
import { RecordStores } from './record-store.js';
import { RecordTotal } from './record-total.entity.js';
import { RecordTotalsFolding } from './record-totals-folding.js';

/** The registry of record kinds, the stores their services build on and their kept totals, available everywhere. */
@Global()
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([RecordTotal])],
  providers: [
    RecordKinds,
    RecordStores,
    RecordTotalsFolding,
    { provide: ListCursors, useFactory: (config: AppConfig) => new ListCursors(config.jwt.accessSecret), inject: [AppConfig] },
  ],
  exports: [RecordKinds, RecordStores],
})
export class RecordsModule {}
