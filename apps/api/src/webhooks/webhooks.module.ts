import { Module } from '@nestjs/common';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Outbound webhooks for admins: subscriptions, their secrets and their deliveries (issue 13). */
@Module({ controllers: [WebhooksController], providers: [WebhooksService] })
export class WebhooksModule {}
