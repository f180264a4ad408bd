import { Inject, Injectable, Optional } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../common/metrics/metrics.service';
import type { DeliveryChannel } from './delivery-request';
import type { AttemptOutcome, DeliveryStatus } from './notice-delivery.entity';
import { NoticeDeliveriesRepository } from './notice-deliveries.repository';

/**
 * Delivery metrics on /metrics: attempts by channel and outcome, deliveries that ended (sent,
 * dead, not sent) by channel, and the queue's depth by status (read from the table when scraped,
 * so every replica reports the shared queue).
 */
@Injectable()
export class DeliveryMetrics {
  private readonly attempts?: Counter<'channel' | 'outcome'>;
  private readonly finished?: Counter<'channel' | 'status'>;

  constructor(@Optional() @Inject(MetricsService) metrics: MetricsService | null, deliveries: NoticeDeliveriesRepository) {
    if (!metrics) return;
    this.attempts = new Counter({
      name: 'pype_notice_delivery_attempts_total',
      help: 'Delivery attempts by this replica, by channel (EMAIL, WEBHOOK) and outcome (SUCCESS, FAILURE, NOT_SENT)',
      labelNames: ['channel', 'outcome'] as const,
      registers: [metrics.registry],
    });
    this.finished = new Counter({
      name: 'pype_notice_deliveries_total',
      help: 'Deliveries this replica finished, by channel and final status (SENT, DEAD, NOT_SENT)',
      labelNames: ['channel', 'status'] as const,
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'pype_notice_delivery_queue',
      help: 'Deliveries in the shared queue by status: QUEUED and RETRYING wait to be sent, DEAD are dead letters',
      labelNames: ['status'] as const,
      registers: [metrics.registry],
      async collect() {
        const counts = await deliveries.countByStatus().catch(() => null);
        if (!counts) return;
        for (const status of ['QUEUED', 'RETRYING', 'DEAD'] as const) this.set({ status }, counts[status]);
      },
    });
  }

  attempted(channel: DeliveryChannel, outcome: AttemptOutcome, status: DeliveryStatus): void {
    this.attempts?.inc({ channel, outcome });
    if (status !== 'RETRYING') this.finished?.inc({ channel, status });
  }
}
