import { Module } from '@nestjs/common';
import { ChangeFeed } from './change-feed.service.js';
import { ChangeSnapshots } from './change-snapshots.js';
import { ChangeTypes } from './change-types.js';
import { ChangesController } from './changes.controller.js';
import { HistoryService } from './history.service.js';

/**
 * Record history as a capability of every record kind (the kind's module imports this one and
 * mounts HistoryRoutes(kind)), and the organization's change feed, the same entries numbered in
 * commit order. The entries are written by the database (migrations RecordHistory, ChangeFeed);
 * ChangeSnapshots adds what each record became before every commit.
 */
@Module({
  controllers: [ChangesController],
  providers: [HistoryService, ChangeFeed, ChangeSnapshots, ChangeTypes],
  exports: [HistoryService, ChangeFeed, ChangeTypes],
})
export class HistoryModule {}
