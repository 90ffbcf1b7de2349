import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** Webhook endpoints, told of the change feed's events as they commit (see WebhookDispatcher). */
@Module({
  imports: [HistoryModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookDispatcher],
})
export class WebhooksModule {}
