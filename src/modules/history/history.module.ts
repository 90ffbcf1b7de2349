import { Module } from '@nestjs/common';
import { HistoryService } from './history.service.js';

/**
 * Record history as a capability of every record kind: the kind's module imports this one and
 * mounts HistoryRoutes(kind). The entries are written by the database (migration RecordHistory).
 */
@Module({
  providers: [HistoryService],
  exports: [HistoryService],
})
export class HistoryModule {}
