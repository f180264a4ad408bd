import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { DeliveryJobsRepository } from './delivery-jobs.repository';

/** Starts pg-boss with the app (its own schema, on the app's pool) and stops it before the pool closes. */
@Injectable()
export class DeliveryWorker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: DeliveryJobsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const settings = this.config.deliveries;
    await this.jobs.start({
      retryLimit: settings.retryLimit,
      retryDelaySeconds: settings.retryDelaySeconds,
      retryDelayMaxSeconds: settings.retryDelayMaxSeconds,
      expireInSeconds: Math.ceil((Math.max(settings.webhookTimeoutMs, settings.smtpTimeoutMs) * 4) / 1000),
    });
    this.jobs.onError((error) => this.logger.error({ err: error }, 'Delivery queue error'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.jobs.stop();
  }
}
