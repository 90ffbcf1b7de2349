import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { type Db, InjectDb } from '../database/transactions.js';

/**
 * Folds the kept record totals (RecordTotal) that writing transactions left in slots of their own
 * into each organization's slot 0, on a timer in every process: readers sum every slot, so this
 * only keeps what they sum to a few rows. The database lets one fold run at a time; a failed one
 * is logged and retried at the next tick.
 */
@Injectable()
export class RecordTotalsFolding implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecordTotalsFolding.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    @InjectDb() private readonly db: Db,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), this.config.recordTotalsFoldMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** How many slots were folded (0 while another process folds). */
  async run(): Promise<number> {
    try {
      const [row] = (await this.db.inBackground(() => this.db.tx.query('SELECT fold_record_totals()::int AS moved'))) as { moved: number }[];
      return row.moved;
    } catch (error) {
      this.logger.warn(`Folding record totals failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
