import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { InvoiceActions } from './invoice-actions.service.js';

/**
 * Looks for newly overdue invoices on a timer in every process, with or without Redis: the sweep
 * claims each invoice with one UPDATE, so however many processes run it, each transition is
 * recorded once. A failed sweep is logged and retried at the next tick.
 */
@Injectable()
export class OverdueSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OverdueSweep.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly actions: InvoiceActions,
    @InjectDb() private readonly db: Db,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), this.config.invoiceOverdueSweepMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<number> {
    try {
      return await this.db.inBackground(() => this.actions.sweepOverdue());
    } catch (error) {
      this.logger.warn(`Overdue sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
