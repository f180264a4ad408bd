import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { DeliveryJobsRepository } from './delivery-jobs.repository';
import type { DeliveryRequest, WebhookBody } from './delivery-request';
import type { EmailContent } from './notice-delivery.entity';
import { NoticeDeliveriesRepository, type NewDelivery } from './notice-deliveries.repository';
import { WebhooksRepository } from './webhooks.repository';

/**
 * The way into delivery: records each delivery and its pg-boss job in the caller's transaction,
 * so a notice, its deliveries and their jobs commit together or not at all (no outbox of our own).
 */
@Injectable()
export class DeliveryQueue {
  constructor(
    private readonly clock: Clock,
    private readonly deliveries: NoticeDeliveriesRepository,
    private readonly jobs: DeliveryJobsRepository,
    private readonly webhooks: WebhooksRepository,
  ) {}

  /** Queues these deliveries in `manager`'s transaction; returns how many were queued. */
  async enqueue(manager: EntityManager, requests: DeliveryRequest[]): Promise<number> {
    // Checked first: outside a transaction the rows would commit without their jobs.
    if (!manager.queryRunner?.isTransactionActive) throw new Error('DeliveryQueue.enqueue needs the EntityManager of a running transaction');
    if (requests.length === 0) return 0;
    const now = this.clock.now();
    const webhookIds = [...new Set(requests.flatMap((request) => (request.channel === 'WEBHOOK' ? [request.webhookId] : [])))];
    const urls = new Map((await this.webhooks.findByIds(webhookIds, manager)).map((webhook) => [webhook.id, webhook.url]));
    const rows = requests.map((request): NewDelivery => {
      const id = randomUUID();
      const common = { id, jobId: randomUUID(), noticeId: request.noticeId ?? null, createdAt: now };
      if (request.channel === 'EMAIL') {
        const content: EmailContent = { to: request.to, subject: request.subject, text: request.text, html: request.html };
        return { ...common, channel: 'EMAIL', target: request.to, webhookId: null, subject: request.subject, content };
      }
      const url = urls.get(request.webhookId);
      if (url === undefined) throw new Error(`DeliveryQueue.enqueue: no webhook ${request.webhookId}`);
      const body: WebhookBody = { id, event: request.event, occurredAt: now.toISOString(), ...request.payload };
      return { ...common, channel: 'WEBHOOK', target: url, webhookId: request.webhookId, subject: request.event, content: body };
    });
    await this.deliveries.insertMany(manager, rows);
    await this.jobs.insert(
      manager,
      rows.map((row) => ({ jobId: row.jobId, deliveryId: row.id })),
    );
    return rows.length;
  }
}
