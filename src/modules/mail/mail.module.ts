import { BullModule } from '@nestjs/bull';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountEmail } from './account-email.entity.js';
import { BullMailQueue, MailProcessor } from './bull-mail.queue.js';
import { DeliveryService } from './delivery.service.js';
import { EmailDelivery } from './email-delivery.entity.js';
import { InProcessMailQueue } from './in-process-mail.queue.js';
import { MailController } from './mail.controller.js';
import { MAIL_QUEUE, MailQueue } from './mail-queue.js';
import { MailService } from './mail.service.js';
import { SmtpSender } from './smtp-sender.js';

/**
 * Account e-mail and assignment notices. With REDIS_URL the work goes through a Bull queue on
 * Redis; without it, through timers in this process (chosen when the app module is loaded).
 */
@Module({})
export class MailModule {
  static forRoot(useRedis = Boolean(process.env.REDIS_URL)): DynamicModule {
    const shared = {
      imports: [TypeOrmModule.forFeature([AccountEmail, EmailDelivery]), AccountsModule, ContactsModule, UsersModule],
      providers: [MailService, DeliveryService, SmtpSender],
    };
    if (!useRedis) {
      return {
        module: MailModule,
        imports: shared.imports,
        controllers: [MailController],
        providers: [...shared.providers, { provide: MailQueue, useClass: InProcessMailQueue }],
      };
    }
    return {
      module: MailModule,
      imports: [
        ...shared.imports,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ redis: config.redisUrl, prefix: config.queuePrefix }),
        }),
        BullModule.registerQueueAsync({
          name: MAIL_QUEUE,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            defaultJobOptions: {
              attempts: config.mail.maxAttempts,
              backoff: { type: 'exponential', delay: config.mail.retryDelayMs },
              removeOnComplete: true,
              removeOnFail: 1000,
            },
          }),
        }),
      ],
      controllers: [MailController],
      providers: [...shared.providers, { provide: MailQueue, useClass: BullMailQueue }, MailProcessor],
    };
  }
}
