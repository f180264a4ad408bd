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

/** Running listeners by connection string, so a server that is shutting down can be let go of. */
const listenersByUrl = new Map<string, Set<RevisionListener>>();

/**
 * Closes the LISTEN connections to the server at `url` (they reconnect with back-off). A
 * PostgreSQL smart shutdown waits for every session to end, and a LISTEN session never ends
 * by itself: without this, the server would wait for this service forever.
 */
export function disconnectListenersOn(url: string, reason: string): void {
  for (const listener of listenersByUrl.get(url) ?? []) listener.disconnect(reason);
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
  private loseConnection: ((reason: string) => void) | null = null;
  listening = false;

  constructor(private readonly options: RevisionListenerOptions) {}

  async start(): Promise<void> {
    if (this.closed) return;
    let registered = listenersByUrl.get(this.options.url);
    if (!registered) listenersByUrl.set(this.options.url, (registered = new Set()));
    registered.add(this);
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
    this.loseConnection = lost;
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

  /** Drops the connection as if it had been lost; the listener reconnects with back-off. */
  disconnect(reason: string): void {
    if (this.client !== null) this.loseConnection?.(reason);
  }

  async stop(): Promise<void> {
    this.closed = true;
    const registered = listenersByUrl.get(this.options.url);
    registered?.delete(this);
    if (registered?.size === 0) listenersByUrl.delete(this.options.url);
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
