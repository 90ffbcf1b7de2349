import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BackgroundPool } from './background-pool.js';
import { WriteActors } from './write-actors.js';

/**
 * The one way to reach the database: `db.tx` is the EntityManager of the transaction in progress
 * (carried by async-local storage, so it follows the call chain across modules), or the pool's
 * when none is; `db.withTransaction(fn)` runs `fn` in one, joining the transaction in progress if
 * there is one. No EntityManager is passed between modules. Work started by `db.inBackground(fn)`
 * (jobs, timers) reaches the database through the background pool instead, the same way.
 *
 * (@nestjs-cls/transactional does the same, but nestjs-cls is CommonJS that require()s the
 * ESM-only @nestjs/common, which Jest's ESM mode cannot load on Node 20; see docs/decisions.md.)
 */
@Injectable()
export class Db implements OnApplicationShutdown {
  private readonly current = new AsyncLocalStorage<{ manager: EntityManager; committed: (() => void)[] }>();
  private readonly lane = new AsyncLocalStorage<DataSource>();
  private readonly committing: (() => Promise<void>)[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly background: BackgroundPool,
  ) {}

  get tx(): EntityManager {
    return this.current.getStore()?.manager ?? this.source.manager;
  }

  async withTransaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    const committed: (() => void)[] = [];
    const result = await this.source.transaction(async (manager) => {
      await WriteActors.declare(manager);
      return this.current.run({ manager, committed }, async () => {
        const result = await work();
        for (const hook of this.committing) await hook();
        return result;
      });
    });
    for (const callback of committed) callback();
    return result;
  }

  /** Runs background work (a job, a timer's round) on the background pool, whatever it calls. */
  inBackground<T>(work: () => Promise<T>): Promise<T> {
    return this.lane.run(this.background.source, work);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.background.close();
  }

  private get source(): DataSource {
    return this.lane.getStore() ?? this.dataSource;
  }

  /**
   * Registers work for the end of every transaction, in it, after its own work and before its
   * commit: what the change feed reads of the records the transaction wrote.
   */
  beforeEveryCommit(hook: () => Promise<void>): void {
    this.committing.push(hook);
  }

  /**
   * Runs `callback` once the transaction in progress has committed (never if it rolls back), or
   * at once when there is none: for what must not happen before the change is visible, such as
   * waking the job dispatcher.
   */
  afterCommit(callback: () => void): void {
    const transaction = this.current.getStore();
    if (transaction) transaction.committed.push(callback);
    else callback();
  }
}

/** Injects the Db: `constructor(@InjectDb() private readonly db: Db)`. */
export const InjectDb = () => Inject(Db);
