import type { BusObserver } from './bus-observer.js';
import type { MessageTracer } from './message-tracer.js';

export interface BusLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface BusOptions {
  /** The service this instance consumes for; names its queues. */
  service: string;
  /** Reply timeout for send/query when the caller gives none. */
  defaultTimeoutMs?: number;
  /** Unacknowledged messages one consumer may hold. */
  prefetch?: number;
  /** Delays before each retry of a message whose handler threw an unexpected error; then it is dead-lettered. */
  retryDelaysMs?: readonly number[];
  observer?: BusObserver;
  /** Spans around sending and handling messages (OpenTelemetry in the service runtime); none by default. */
  tracer?: MessageTracer;
  logger?: BusLogger;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_PREFETCH = 50;
export const DEFAULT_RETRY_DELAYS_MS = [100, 500, 2000] as const;

/** Header (RabbitMQ) / field (in-process) that counts the deliveries that already failed. */
export const ATTEMPTS_HEADER = 'x-voxify-attempts';
