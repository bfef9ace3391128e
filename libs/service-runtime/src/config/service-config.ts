import { z } from 'zod';
import type { BackendServiceName } from '#contracts';
import { env, serviceEnvShape } from './env-schema.js';
import { loadConfig } from './load-config.js';

export interface ServiceRuntimeConfig {
  logLevel: z.output<ReturnType<typeof env.logLevel>>;
  databasePoolSize: number;
  busPrefetch: number;
  busRequestTimeoutMs: number;
  busRetryDelaysMs: number[];
  outboxPollIntervalMs: number;
  shutdownGraceMs: number;
}

export interface StandaloneServiceConfig extends ServiceRuntimeConfig {
  port: number;
  host: string;
  databaseUrl: string;
  amqpUrl: string;
}

export const DEFAULT_OPS_PORTS: Record<BackendServiceName, number> = {
  identity: 8081,
  voice: 8082,
  synthesis: 8083,
  jobs: 8084,
  storage: 8085,
};

const postgresUrl = () => env.url(['postgres', 'postgresql']);

/**
 * Config of a back-end service run on its own: `DATABASE_URL_<SERVICE>` (e.g. DATABASE_URL_IDENTITY)
 * wins over `DATABASE_URL`, so one server with a schema per service and a server per service both work.
 */
export function loadStandaloneServiceConfig(service: BackendServiceName, source: NodeJS.ProcessEnv = process.env): StandaloneServiceConfig {
  const ownUrlVariable = `DATABASE_URL_${service.toUpperCase()}`;
  const ownUrl = loadConfig(service, z.object({ [ownUrlVariable]: postgresUrl().optional() }), source)[ownUrlVariable];
  const schema = z
    .object({
      ...serviceEnvShape,
      PORT: env.port(DEFAULT_OPS_PORTS[service]),
      HOST: z.string().min(1).default('0.0.0.0'),
      DATABASE_URL: postgresUrl().optional(),
      AMQP_URL: env.url(['amqp', 'amqps']),
    })
    .refine((value) => Boolean(ownUrl ?? value.DATABASE_URL), {
      message: `set DATABASE_URL (or ${ownUrlVariable} for a database of this service's own)`,
      path: ['DATABASE_URL'],
    });
  const parsed = loadConfig(service, schema, source);
  return {
    ...runtimeConfigFrom(parsed),
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: (ownUrl ?? parsed.DATABASE_URL) as string,
    amqpUrl: parsed.AMQP_URL,
  };
}

export function runtimeConfigFrom(parsed: z.output<z.ZodObject<typeof serviceEnvShape>>): ServiceRuntimeConfig {
  return {
    logLevel: parsed.LOG_LEVEL,
    databasePoolSize: parsed.DATABASE_POOL_SIZE,
    busPrefetch: parsed.BUS_PREFETCH,
    busRequestTimeoutMs: parsed.BUS_REQUEST_TIMEOUT_MS,
    busRetryDelaysMs: parsed.BUS_RETRY_DELAYS_MS,
    outboxPollIntervalMs: parsed.OUTBOX_POLL_INTERVAL_MS,
    shutdownGraceMs: parsed.SHUTDOWN_GRACE_MS,
  };
}
