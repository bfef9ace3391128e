import { z } from 'zod';
import { env } from '../config/env-schema.js';
import { loadConfig } from '../config/load-config.js';

export type TracesExporter = 'otlp' | 'none' | 'memory';

export interface TracingConfig {
  /** `otlp` sends spans to an OpenTelemetry collector, `memory` keeps them for tests, `none` records nothing. */
  exporter: TracesExporter;
  /** Base URL of the collector's OTLP/HTTP endpoint; spans go to `<endpoint>/v1/traces`. */
  otlpEndpoint: string;
  /** `service.name` of every span of this process. */
  serviceName: string;
}

/** The variables follow the OpenTelemetry SDK's names, so collectors' docs apply as written. */
export const tracingEnvShape = {
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none', 'memory']).default('none'),
  OTEL_EXPORTER_OTLP_ENDPOINT: env.url(['http', 'https']).default('http://localhost:4318'),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
};

/** Tracing of one process; `app` is the service name unless OTEL_SERVICE_NAME says otherwise. */
export function loadTracingConfig(app: string, source: NodeJS.ProcessEnv = process.env): TracingConfig {
  const parsed = loadConfig(app, z.object(tracingEnvShape), source);
  return {
    exporter: parsed.OTEL_TRACES_EXPORTER,
    otlpEndpoint: parsed.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: parsed.OTEL_SERVICE_NAME ?? app,
  };
}
