import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { NEWEST_FIRST, type NewestFirst } from '../common/database/newest-first-page';
import { conflict, notFound } from '../common/errors/domain-error';
import { checkUuid } from '../common/input-rules/uuid';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import type { Page, PageRequest } from '../common/paging/page';
import { requireValid } from '../common/validation/satisfies';
import { canResend } from './delivery-attempt';
import { DeliveryJobsRepository } from './delivery-jobs.repository';
import { ATTEMPTS_SHOWN, type NoticeDeliveryModel } from './deliveries.models';
import type { DeliveryAttemptEntity, NoticeDeliveryEntity } from './notice-delivery.entity';
import { NoticeDeliveriesRepository, type DeliveriesCursorKey, type DeliveriesFilter } from './notice-deliveries.repository';

export const deliveriesCursor = cursorCodec<NewestFirst, DeliveriesCursorKey>('noticeDeliveries', () => [cursorValue.timestamp, cursorValue.uuid]);
export { NEWEST_FIRST };

function deliveryView(delivery: NoticeDeliveryEntity, attempts: DeliveryAttemptEntity[]): NoticeDeliveryModel {
  return {
    id: delivery.id,
    channel: delivery.channel,
    status: delivery.status,
    target: delivery.target,
    subject: delivery.subject,
    noticeId: delivery.noticeId,
    webhookId: delivery.webhookId,
    attemptCount: delivery.attempts,
    attempts: attempts.map(({ attemptedAt, channel, target, outcome, error, responseStatus, durationMs }) => ({
      attemptedAt,
      channel,
      target,
      outcome,
      error,
      responseStatus,
      durationMs,
    })),
    lastError: delivery.lastError,
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
    sentAt: delivery.sentAt,
  };
}

/** What admins see of deliveries (dead letters included) and how they resend one. */
@Injectable()
export class NoticeDeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly deliveries: NoticeDeliveriesRepository,
    private readonly jobs: DeliveryJobsRepository,
  ) {}

  async list(
    filter: DeliveriesFilter,
    request: PageRequest<DeliveriesCursorKey>,
  ): Promise<Page<{ view: NoticeDeliveryModel; cursorKey: DeliveriesCursorKey }>> {
    const page = await this.deliveries.page(filter, request);
    const attempts = await this.deliveries.latestAttemptsOf(
      page.items.map((item) => item.delivery.id),
      ATTEMPTS_SHOWN,
    );
    const byDelivery = new Map<string, DeliveryAttemptEntity[]>();
    for (const attempt of attempts) byDelivery.set(attempt.deliveryId, [...(byDelivery.get(attempt.deliveryId) ?? []), attempt]);
    return {
      ...page,
      items: page.items.map(({ delivery, cursorKey }) => ({ view: deliveryView(delivery, byDelivery.get(delivery.id) ?? []), cursorKey })),
    };
  }

  /** Queues a dead letter (or an unsent or waiting delivery) again, with a fresh set of retries. */
  async retry(id: string): Promise<NoticeDeliveryModel> {
    requireValid(checkUuid(id, 'id'), 'id');
    await this.dataSource.transaction(async (manager) => {
      const delivery = await this.deliveries.lockById(manager, id);
      if (!delivery) throw notFound(`No delivery ${id}`, { field: 'id' });
      if (!canResend(delivery.status)) {
        throw conflict(`Delivery ${id} is ${delivery.status}; only DEAD, NOT_SENT and RETRYING deliveries are resent`, { field: 'id' });
      }
      const jobId = randomUUID();
      await this.jobs.insert(manager, [{ jobId, deliveryId: id }]);
      await this.deliveries.requeue(manager, id, jobId, this.clock.now());
    });
    const [delivery] = await this.deliveries.findByIds([id]);
    return deliveryView(delivery, await this.deliveries.latestAttemptsOf([id], ATTEMPTS_SHOWN));
  }
}
