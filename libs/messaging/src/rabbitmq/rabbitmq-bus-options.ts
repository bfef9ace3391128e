import type { BusOptions } from '../port/bus-options.js';

export interface RabbitMqBusOptions extends BusOptions {
  /** e.g. `amqp://guest:guest@127.0.0.1:5672` */
  url: string;
  /** AMQP heartbeat, so a silently dead connection is noticed. */
  heartbeatSeconds?: number;
  /** Waits between reconnect attempts; the last one repeats until the broker is back. */
  reconnectDelaysMs?: readonly number[];
  /** How long close() lets in-flight handlers finish before dropping the connection (default 0). */
  closeGraceMs?: number;
}

export const DEFAULT_HEARTBEAT_SECONDS = 10;
export const DEFAULT_RECONNECT_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000] as const;
export const DEFAULT_STOP_GRACE_MS = 10_000;
export const DEFAULT_PEEK_LIMIT = 100;
