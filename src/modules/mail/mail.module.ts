import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountEmail } from './account-email.entity.js';
import { DeliveryService } from './delivery.service.js';
import { EmailDelivery } from './email-delivery.entity.js';
import { MailController } from './mail.controller.js';
import { MailJobs } from './mail-jobs.js';
import { MailService } from './mail.service.js';
import { MessageSend } from './message-send.entity.js';
import { SmtpSender } from './smtp-sender.js';

/**
 * Account e-mail, assignment notices and messages other modules write (invitations): stored,
 * then sent by jobs through JobsModule's outbox and queue.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AccountEmail, EmailDelivery, MessageSend]), AccountsModule, ContactsModule, UsersModule],
  controllers: [MailController],
  providers: [MailService, DeliveryService, SmtpSender, MailJobs],
  exports: [MailService],
})
export class MailModule {}
