import { BullModule } from '@nestjs/bull';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config.js';
import { BullJobQueue, JOBS_QUEUE } from './bull-job-queue.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { JobQueue } from './job-queue.js';
import { Outbox } from './outbox.js';
import { OutboxJob } from './outbox-job.entity.js';

/**
 * Background work: the Outbox that services write jobs to, and the queue that runs them. With
 * REDIS_URL, a Bull queue on Redis; without it, timers in this process (chosen when the app module
 * is loaded).
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(useRedis = Boolean(process.env.REDIS_URL)): DynamicModule {
    const feature = TypeOrmModule.forFeature([OutboxJob]);
    if (!useRedis) {
      return {
        module: JobsModule,
        imports: [feature],
        providers: [{ provide: JobQueue, useClass: InProcessJobQueue }, Outbox],
        exports: [Outbox],
      };
    }
    return {
      module: JobsModule,
      imports: [
        feature,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ redis: config.redisUrl, prefix: config.queuePrefix }),
        }),
        BullModule.registerQueueAsync({
          name: JOBS_QUEUE,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            defaultJobOptions: {
              attempts: config.jobs.maxAttempts,
              backoff: { type: 'exponential', delay: config.jobs.retryDelayMs },
              removeOnComplete: true,
              removeOnFail: 1000,
            },
          }),
        }),
      ],
      providers: [{ provide: JobQueue, useClass: BullJobQueue }, Outbox],
      exports: [Outbox],
    };
  }
}
