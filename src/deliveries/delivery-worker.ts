import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { DeliveryJobsRepository } from './delivery-jobs.repository';
import { DeliverySender } from './delivery-sender';
import { EmailTransport } from './email.transport';

/**
 * pg-boss's life in the service: started with the app on its pool (installing or migrating its
 * own schema), workers once the app is up, stopped before the pool closes. Jobs live in
 * PostgreSQL, so whatever a killed process had not sent is sent after a restart, by any replica.
 */
@Injectable()
export class DeliveryWorker implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: DeliveryJobsRepository,
    private readonly sender: DeliverySender,
    private readonly email: EmailTransport,
  ) {}

  async onModuleInit(): Promise<void> {
    const settings = this.config.deliveries;
    await this.jobs.start({
      retryLimit: settings.retryLimit,
      retryDelaySeconds: settings.retryDelaySeconds,
      retryDelayMaxSeconds: settings.retryDelayMaxSeconds,
      // An attempt whose process died is handed out again after this; longer than any attempt may take.
      expireInSeconds: Math.ceil((Math.max(settings.webhookTimeoutMs, settings.smtpTimeoutMs) * 2) / 1000) + 5,
    });
    this.jobs.onError((error) => this.logger.error({ err: error }, 'Delivery queue error'));
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.deliveries;
    if (!this.email.configured) this.logger.warn('SMTP_URL is not set: notice e-mails are recorded as NOT_SENT, not sent');
    if (settings.concurrency === 0) {
      this.logger.log('DELIVERY_CONCURRENCY=0: this replica queues deliveries and leaves sending to others');
      return;
    }
    await this.jobs.work({ concurrency: settings.concurrency, pollingIntervalSeconds: settings.pollIntervalMs / 1000 }, (job) => this.sender.deliver(job));
  }

  async onModuleDestroy(): Promise<void> {
    await this.jobs.stop();
  }
}
