import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { GroupsModule } from '../groups/groups.module';
import { DeliveriesResolver } from './deliveries.resolver';
import { HostResolver } from './host-resolver';
import { NoticeDeliveriesService } from './notice-deliveries.service';
import { DeliveryJobsRepository } from './delivery-jobs.repository';
import { DeliveryMetrics } from './delivery-metrics';
import { DeliveryQueue } from './delivery-queue';
import { DeliverySender } from './delivery-sender';
import { DeliveryWorker } from './delivery-worker';
import { DeliveryAttemptEntity, NoticeDeliveryEntity } from './notice-delivery.entity';
import { NoticeDeliveriesRepository } from './notice-deliveries.repository';
import { EmailTransport } from './email.transport';
import { WebhookEntity } from './webhook.entity';
import { WebhookTransport } from './webhook.transport';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';
import { WebhookSecrets } from './webhook-secrets';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const DELIVERIES_ENTITIES = [WebhookEntity, NoticeDeliveryEntity, DeliveryAttemptEntity];

@Module({
  imports: [TypeOrmModule.forFeature(DELIVERIES_ENTITIES), GroupsModule, AuditModule],
  providers: [
    DeliveryJobsRepository,
    NoticeDeliveriesRepository,
    WebhooksRepository,
    EmailTransport,
    WebhookTransport,
    DeliveryMetrics,
    DeliverySender,
    DeliveryQueue,
    DeliveryWorker,
    WebhooksService,
    WebhookSecrets,
    HostResolver,
    NoticeDeliveriesService,
    DeliveriesResolver,
  ],
  exports: [DeliveryQueue, WebhooksService],
})
export class DeliveriesModule {}
