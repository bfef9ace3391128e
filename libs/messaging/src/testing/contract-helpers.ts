import { randomUUID } from 'node:crypto';
import {
  defineCommand,
  defineEvent,
  defineQuery,
  type CommandDefinition,
  type EventDefinition,
  type QueryDefinition,
  type ServiceName,
} from '#contracts';

/**
 * A service name no other test uses: suites of several engineers share one RabbitMQ broker, so
 * queues and routing keys must never collide.
 */
export function uniqueService(): string {
  return `t${randomUUID().slice(0, 8)}`;
}

// Test services are not among the six real ones; the owner is only used to name queues.
export function testCommand<P, R>(service: string, name: string): CommandDefinition<P, R> {
  return defineCommand<P, R>(service as ServiceName, `${service}.${name}`);
}

export function testQuery<P, R>(service: string, name: string): QueryDefinition<P, R> {
  return defineQuery<P, R>(service as ServiceName, `${service}.${name}`);
}

export function testEvent<P>(service: string, name: string): EventDefinition<P> {
  return defineEvent<P>(service as ServiceName, `${service}.${name}`);
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
