import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Db, InjectDb } from '../database/transactions.js';

const HOUR_MS = 3_600_000;

/** Deletes idempotency keys older than a day, hourly in every process (a key answers for 24 hours, then is gone within the hour). */
@Injectable()
export class IdempotencyPruning implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyPruning.name);
  private timer?: NodeJS.Timeout;

  constructor(@InjectDb() private readonly db: Db) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), HOUR_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      await this.db.inBackground(() => this.db.tx.query(`DELETE FROM idempotency_keys WHERE created_on < now() - interval '24 hours'`));
    } catch (error) {
      this.logger.warn(`Pruning idempotency keys failed: ${(error as Error).message}`);
    }
  }
}
