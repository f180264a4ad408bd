import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { SecretBox, type StoredSecret } from './secret-box';
import { WebhooksRepository } from './webhooks.repository';

/** Webhooks whose plaintext secrets are sealed per round at start-up. */
const SEAL_BATCH = 500;

/**
 * Webhook secrets at rest: sealed with WEBHOOK_SECRET_KEY when it is set (new ones as they are
 * made; those stored before, once, when the service starts), opened to sign a delivery.
 */
@Injectable()
export class WebhookSecrets implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookSecrets.name);
  private readonly box: SecretBox;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhooksRepository,
  ) {
    this.box = new SecretBox(config.deliveries.webhookSecretKey);
  }

  seal(secret: string): StoredSecret {
    return this.box.seal(secret);
  }

  /** The secret to sign with; throws SealedSecretError when it cannot be opened. */
  open(webhook: { secret: string; secretSealed: boolean }): string {
    return this.box.open({ secret: webhook.secret, sealed: webhook.secretSealed });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.box.sealing) {
      const sealed = await this.webhooks.countSealed();
      if (sealed > 0) this.logger.error(`${sealed} webhook secrets are sealed but WEBHOOK_SECRET_KEY is not set: their deliveries fail until it is`);
      else if (this.config.nodeEnv === 'production') this.logger.warn('WEBHOOK_SECRET_KEY is not set: webhook secrets are stored as given, not sealed');
      return;
    }
    let sealedNow = 0;
    for (;;) {
      const batch = await this.webhooks.unsealedSecrets(SEAL_BATCH);
      for (const { id, secret } of batch) if (await this.webhooks.storeSealedSecret(id, this.box.seal(secret).secret)) sealedNow += 1;
      if (batch.length < SEAL_BATCH) break;
    }
    if (sealedNow > 0) this.logger.log(`Sealed ${sealedNow} webhook secrets stored before WEBHOOK_SECRET_KEY was set`);
  }
}
