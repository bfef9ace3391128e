import amqp, { type ChannelModel } from 'amqplib';
import type { BusLogger } from '../port/bus-options.js';

export interface BrokerConnectionOptions {
  url: string;
  heartbeatSeconds: number;
  reconnectDelaysMs: readonly number[];
  /** Label shown in the broker's management UI. */
  connectionName: string;
  logger?: BusLogger;
  /** Sets up channels on a fresh connection; a rejection drops the connection and retries. */
  onConnected(model: ChannelModel): Promise<void>;
  /** The connection is gone (it was not closed by us); reconnecting has been scheduled. */
  onDisconnected(error: Error | undefined): void;
}

/**
 * One AMQP connection that comes back by itself: when it drops, it reconnects with backoff and
 * runs `onConnected` again, until `close()` is called.
 */
export class BrokerConnection {
  private model: ChannelModel | undefined;
  private ready = false;
  private closing = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectAttempt = 0;

  constructor(private readonly options: BrokerConnectionOptions) {}

  /** True once `onConnected` has finished on the current connection. */
  isReady(): boolean {
    return this.ready;
  }

  /** The current connection, only while it is ready. */
  current(): ChannelModel | undefined {
    return this.ready ? this.model : undefined;
  }

  /** Connects for the first time; rejects if the broker cannot be reached now. */
  async open(): Promise<void> {
    this.closing = false;
    await this.connectOnce();
  }

  /** Drops the current connection so that it is re-established (used when a channel fails). */
  recycle(reason: Error): void {
    if (this.closing || !this.model) return;
    this.options.logger?.warn({ err: reason.message }, 'Recycling the broker connection');
    void this.model.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.ready = false;
    clearTimeout(this.reconnectTimer);
    const model = this.model;
    this.model = undefined;
    if (model) await closeQuietly(model);
  }

  private async connectOnce(): Promise<void> {
    const model = await amqp.connect(this.connectionUrl(), {
      noDelay: true,
      clientProperties: { connection_name: this.options.connectionName },
    });
    this.model = model;
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      this.handleLoss(model, error);
    };
    model.on('error', (error: Error) => onLost(error));
    model.on('close', (error?: Error) => onLost(error));
    model.on('blocked', (reason: string) => this.options.logger?.warn({ reason }, 'The broker blocked publishing'));
    try {
      await this.options.onConnected(model);
    } catch (error) {
      lost = true;
      this.model = undefined;
      await closeQuietly(model);
      throw error;
    }
    if (this.closing) {
      await closeQuietly(model);
      return;
    }
    if (this.model !== model) throw new Error('The broker connection dropped during setup');
    this.ready = true;
    this.reconnectAttempt = 0;
  }

  private handleLoss(model: ChannelModel, error: Error | undefined): void {
    if (this.model !== model) return;
    const wasReady = this.ready;
    this.ready = false;
    this.model = undefined;
    // A connection lost during setup makes connectOnce() reject; its caller decides what follows.
    if (this.closing || !wasReady) return;
    this.options.logger?.warn({ err: error?.message }, 'Lost the broker connection; reconnecting');
    this.options.onDisconnected(error);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delays = this.options.reconnectDelaysMs;
    const delayMs = delays[Math.min(this.reconnectAttempt, delays.length - 1)] ?? 1000;
    this.reconnectAttempt++;
    this.reconnectTimer = setTimeout(() => {
      this.connectOnce().then(
        () => this.options.logger?.info({}, 'Reconnected to the broker'),
        (error: unknown) => {
          if (this.closing) return;
          this.options.logger?.warn(
            { err: error instanceof Error ? error.message : String(error), attempt: this.reconnectAttempt },
            'Reconnecting to the broker failed',
          );
          this.scheduleReconnect();
        },
      );
    }, delayMs);
    this.reconnectTimer.unref();
  }

  private connectionUrl(): string {
    const url = new URL(this.options.url);
    if (!url.searchParams.has('heartbeat')) url.searchParams.set('heartbeat', String(this.options.heartbeatSeconds));
    return url.toString();
  }
}

const CLOSE_TIMEOUT_MS = 2000;

/**
 * amqplib's close() waits for the broker's close-ok, which never comes when the socket dies
 * meanwhile; the connection's own 'close' event (or a timeout) ends the wait instead.
 */
function closeQuietly(model: ChannelModel): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    model.once('close', done);
    model.close().then(done, done);
  });
}
