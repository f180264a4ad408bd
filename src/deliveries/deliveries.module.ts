import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryJobsRepository } from './delivery-jobs.repository';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryWorker } from './delivery-worker';
import { DeliveryAttemptEntity, NoticeDeliveryEntity } from './notice-delivery.entity';
import { NoticeDeliveriesRepository } from './notice-deliveries.repository';
import { WebhookEntity } from './webhook.entity';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const DELIVERIES_ENTITIES = [WebhookEntity, NoticeDeliveryEntity, DeliveryAttemptEntity];

@Module({
  imports: [TypeOrmModule.forFeature(DELIVERIES_ENTITIES)],
  providers: [DeliveryJobsRepository, NoticeDeliveriesRepository, WebhooksRepository, DeliveryQueue, DeliveryWorker, WebhooksService],
  exports: [DeliveryQueue, WebhooksService],
})
export class DeliveriesModule {}
