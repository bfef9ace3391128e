import { collectDefaultMetrics, Counter, Gauge, Histogram, register, type Metric } from 'prom-client';

/**
 * One Prometheus registry per process (prom-client's global one). In the embedded mode six apps
 * share the process, so metrics are created once and reused: get-or-create by name.
 */
let defaultsCollected = false;

export function ensureDefaultMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register });
}

function getOrCreate<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return getOrCreate(name, () => new Counter({ name, help, labelNames, registers: [register] }));
}

export function histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets?: number[]): Histogram<L> {
  return getOrCreate(name, () => new Histogram({ name, help, labelNames, registers: [register], ...(buckets ? { buckets } : {}) }));
}

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  return getOrCreate(name, () => new Gauge({ name, help, labelNames, registers: [register] }));
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
