import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import type { EmailContent } from './notice-delivery.entity';

/** SMTP through nodemailer: a small pool of connections, reused across e-mails. */
@Injectable()
export class EmailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const settings = config.deliveries;
    this.transporter =
      settings.smtpUrl === null
        ? null
        : createTransport({
            url: settings.smtpUrl,
            pool: true,
            maxConnections: Math.max(1, settings.concurrency),
            connectionTimeout: settings.smtpTimeoutMs,
            greetingTimeout: settings.smtpTimeoutMs,
            socketTimeout: settings.smtpTimeoutMs,
          });
  }

  /** Without SMTP_URL e-mails are recorded as not sent. */
  get configured(): boolean {
    return this.transporter !== null;
  }

  /** Sends one e-mail; rejects with the server's or the network's error. */
  async send(content: EmailContent): Promise<void> {
    if (!this.transporter) throw new Error('SMTP_URL is not set');
    await this.transporter.sendMail({ from: this.config.deliveries.from, to: content.to, subject: content.subject, text: content.text, html: content.html });
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
