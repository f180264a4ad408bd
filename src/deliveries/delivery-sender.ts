import { Inject, Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { attemptError, isAwaitingAttempt, statusAfterFailure } from './delivery-attempt';
import type { DeliveryJob } from './delivery-jobs.repository';
import { DeliveryMetrics } from './delivery-metrics';
import { EmailTransport } from './email.transport';
import type { EmailContent, NoticeDeliveryEntity } from './notice-delivery.entity';
import { NoticeDeliveriesRepository, type AttemptRecord } from './notice-deliveries.repository';
import { SealedSecretError } from './secret-box';
import { webhookSignature } from './webhook-signature';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookFailure, WebhookTransport } from './webhook.transport';
import { WebhooksRepository } from './webhooks.repository';

/** A failure no retry can fix (the webhook was deleted): the delivery is dead at once. */
class PermanentFailure extends Error {}

/**
 * One attempt at one delivery, as pg-boss hands out its job: send, record the attempt with its
 * outcome, and leave retrying (exponential backoff with jitter) to pg-boss by throwing.
 */
@Injectable()
export class DeliverySender {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly deliveries: NoticeDeliveriesRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly email: EmailTransport,
    private readonly http: WebhookTransport,
    private readonly secrets: WebhookSecrets,
    private readonly metrics: DeliveryMetrics,
  ) {}

  async deliver(job: DeliveryJob): Promise<void> {
    const delivery = await this.deliveries.findById(job.data.deliveryId);
    // A resend queued a newer job, or this one already went out: nothing to do.
    if (!delivery || delivery.jobId !== job.id || !isAwaitingAttempt(delivery.status)) return;
    const attemptedAt = this.clock.now();
    const started = performance.now();
    const attempt = { deliveryId: delivery.id, attemptedAt, channel: delivery.channel, target: delivery.target };
    const elapsed = () => Math.round(performance.now() - started);

    if (delivery.channel === 'EMAIL' && !this.email.configured) {
      await this.record({ ...attempt, outcome: 'NOT_SENT', error: 'SMTP_URL is not set', responseStatus: null, durationMs: 0, status: 'NOT_SENT' });
      return;
    }
    try {
      const responseStatus = delivery.channel === 'EMAIL' ? await this.sendEmail(delivery) : await this.postWebhook(delivery, attemptedAt);
      await this.record({ ...attempt, outcome: 'SUCCESS', error: null, responseStatus, durationMs: elapsed(), status: 'SENT' });
    } catch (error) {
      const status = statusAfterFailure(job.retryCount, job.retryLimit, !(error instanceof PermanentFailure));
      const responseStatus = error instanceof WebhookFailure ? error.status : null;
      await this.record({ ...attempt, outcome: 'FAILURE', error: attemptError(error), responseStatus, durationMs: elapsed(), status });
      // pg-boss schedules the retry; a dead letter's job ends here (admins resend with a new job).
      if (status === 'RETRYING') throw error;
    }
  }

  private async record(record: AttemptRecord): Promise<void> {
    await this.deliveries.recordAttempt(record);
    this.metrics.attempted(record.channel, record.outcome, record.status);
  }

  private async sendEmail(delivery: NoticeDeliveryEntity): Promise<null> {
    await this.email.send(delivery.content as EmailContent);
    return null;
  }

  private async postWebhook(delivery: NoticeDeliveryEntity, at: Date): Promise<number> {
    const [webhook] = delivery.webhookId === null ? [] : await this.webhooks.findByIds([delivery.webhookId]);
    if (!webhook) throw new PermanentFailure('the webhook was deleted');
    let secret: string;
    try {
      secret = this.secrets.open(webhook);
    } catch (error) {
      // No retry opens it: once the key is right, admins resend the dead letter.
      if (error instanceof SealedSecretError) throw new PermanentFailure(error.message);
      throw error;
    }
    const rawBody = JSON.stringify(delivery.content);
    return this.http.post({
      url: delivery.target,
      rawBody,
      timeoutMs: this.config.deliveries.webhookTimeoutMs,
      headers: {
        'x-pype-event': delivery.subject,
        'x-pype-delivery': delivery.id,
        'x-pype-signature': webhookSignature(secret, Math.floor(at.getTime() / 1000), rawBody),
      },
    });
  }
}
