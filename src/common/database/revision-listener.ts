import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

export interface RevisionListenerOptions {
  /** Connection string of the database (the listener holds a connection of its own). */
  url: string;
  /** NOTIFY channel; writers send the new revision as the payload. */
  channel: string;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  /** A writer committed this revision (on any replica). */
  onRevision(revision: number): void;
  /** The listener (re)connected: anything committed while it was down is unknown. */
  onListening(): void;
}

/**
 * LISTENs on one channel with a dedicated connection and reconnects with back-off when the
 * connection is lost. While `listening` is false, readers must not trust their cached copy
 * and should check the revision in the database instead.
 */
export class RevisionListener {
  private readonly logger = new Logger(RevisionListener.name);
  private client: Client | null = null;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  listening = false;

  constructor(private readonly options: RevisionListenerOptions) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.options.url, application_name: this.options.applicationName });
    client.on('notification', (message) => {
      const revision = Number(message.payload);
      if (Number.isFinite(revision)) this.options.onRevision(revision);
    });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      client.removeAllListeners('end');
      client.end().catch(() => undefined);
      if (!this.closed) {
        this.logger.warn(`Listener on ${this.options.channel} lost (${reason}); checking the revision on every read until it is back`);
        this.scheduleReconnect();
      }
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection closed'));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
      this.options.onListening();
      this.listening = true;
      this.reconnectAttempt = 0;
    } catch (error) {
      lost((error as Error).message);
    }
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private scheduleReconnect(): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempt, RECONNECT_DELAYS_MS.length - 1)];
    this.reconnectAttempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed) void this.start();
    }, delay);
    this.reconnectTimer.unref();
  }
}
