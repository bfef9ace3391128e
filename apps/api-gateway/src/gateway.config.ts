import { z } from 'zod';
import { env, loadConfig } from '#service-runtime';

export interface GatewayConfig {
  port: number;
  host: string;
  logLevel: z.output<ReturnType<typeof env.logLevel>>;
  corsOrigins: string[] | '*';
  bodyLimitBytes: number;
  trustProxy: boolean;
  docsEnabled: boolean;
  healthTimeoutMs: number;
  busPrefetch: number;
  busRequestTimeoutMs: number;
  busRetryDelaysMs: number[];
  shutdownGraceMs: number;
}

export const gatewayEnvShape = {
  PORT: env.port(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  CORS_ORIGINS: z.string().default('*'),
  BODY_LIMIT_BYTES: env.positiveInt(1024 * 1024),
  TRUST_PROXY: env.boolean(false),
  DOCS_ENABLED: env.boolean(true),
  HEALTH_TIMEOUT_MS: env.positiveInt(1500),
  BUS_PREFETCH: env.positiveInt(50),
  BUS_REQUEST_TIMEOUT_MS: env.positiveInt(5000),
  BUS_RETRY_DELAYS_MS: env.intList([100, 500, 2000]),
  SHUTDOWN_GRACE_MS: env.positiveInt(10000),
};

export function gatewayConfigFrom(parsed: z.output<z.ZodObject<typeof gatewayEnvShape>>): GatewayConfig {
  const origins = parsed.CORS_ORIGINS.trim();
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    logLevel: parsed.LOG_LEVEL,
    corsOrigins:
      origins === '*'
        ? '*'
        : origins
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    trustProxy: parsed.TRUST_PROXY,
    docsEnabled: parsed.DOCS_ENABLED,
    healthTimeoutMs: parsed.HEALTH_TIMEOUT_MS,
    busPrefetch: parsed.BUS_PREFETCH,
    busRequestTimeoutMs: parsed.BUS_REQUEST_TIMEOUT_MS,
    busRetryDelaysMs: parsed.BUS_RETRY_DELAYS_MS,
    shutdownGraceMs: parsed.SHUTDOWN_GRACE_MS,
  };
}

/** The gateway run on its own: needs the broker's URL. */
export function loadStandaloneGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig & { amqpUrl: string } {
  const parsed = loadConfig('api-gateway', z.object({ ...gatewayEnvShape, AMQP_URL: env.url(['amqp', 'amqps']) }), source);
  return { ...gatewayConfigFrom(parsed), amqpUrl: parsed.AMQP_URL };
}
