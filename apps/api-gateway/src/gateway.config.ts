import { z } from 'zod';
import {
  filesGatewayEnvShape,
  filesGatewayOptionsFrom,
  refineFilesGatewayEnv,
  type FilesGatewayOptions,
  type GatewayAuthOptions,
  type RateLimitPolicy,
  type RateLimitPolicyName,
  voiceSamplesGatewayEnvShape,
  voiceSamplesGatewayOptionsFrom,
  type VoiceSamplesGatewayOptions,
} from '#gateway';
import { accessTokenEnvShape, accessTokenSettingsFrom } from '#identity';
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
  auth: GatewayAuthOptions;
  /** Read at request time through RateLimitPolicies, so they can be changed while running. */
  rateLimits: Record<RateLimitPolicyName, RateLimitPolicy>;
  /** Rate-limit counters in Redis (shared by every replica) when set. */
  redisUrl?: string;
  redisKeyPrefix: string;
  grpc: { enabled: boolean; port: number };
  /** `/api/v1/files`: the blob store (as the storage service's), the URL-signing secret, upload limits. */
  files: FilesGatewayOptions;
  /** `/api/v1/voice/samples`: the sample size limit and how long the voice service may take to check one. */
  voiceSamples: VoiceSamplesGatewayOptions;
}

const MINUTE_MS = 60_000;

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
  ...accessTokenEnvShape,
  REDIS_URL: env.url(['redis', 'rediss']).optional(),
  REDIS_KEY_PREFIX: z.string().min(1).default('voxify:rate-limit:'),
  RATE_LIMIT_PER_MINUTE: env.positiveInt(100),
  AUTH_RATE_LIMIT: env.positiveInt(20),
  AUTH_RATE_LIMIT_WINDOW_MS: env.positiveInt(15 * MINUTE_MS),
  FAILED_LOGIN_LIMIT: env.positiveInt(10),
  FAILED_LOGIN_WINDOW_MS: env.positiveInt(15 * MINUTE_MS),
  API_KEY_CACHE_TTL_MS: env.positiveInt(MINUTE_MS),
  API_KEY_REFUSAL_CACHE_TTL_MS: env.positiveInt(5000),
  GRPC_ENABLED: env.boolean(true),
  GRPC_PORT: env.port(50051),
  ...filesGatewayEnvShape,
  ...voiceSamplesGatewayEnvShape,
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
    auth: {
      accessTokens: accessTokenSettingsFrom(parsed),
      apiKeyCacheTtlMs: parsed.API_KEY_CACHE_TTL_MS,
      apiKeyRefusalCacheTtlMs: parsed.API_KEY_REFUSAL_CACHE_TTL_MS,
    },
    rateLimits: {
      principal: { limit: parsed.RATE_LIMIT_PER_MINUTE, windowMs: MINUTE_MS },
      'auth.login': { limit: parsed.AUTH_RATE_LIMIT, windowMs: parsed.AUTH_RATE_LIMIT_WINDOW_MS },
      'auth.register': { limit: parsed.AUTH_RATE_LIMIT, windowMs: parsed.AUTH_RATE_LIMIT_WINDOW_MS },
      'auth.refresh': { limit: parsed.AUTH_RATE_LIMIT, windowMs: parsed.AUTH_RATE_LIMIT_WINDOW_MS },
      'auth.failed-login': { limit: parsed.FAILED_LOGIN_LIMIT, windowMs: parsed.FAILED_LOGIN_WINDOW_MS },
    },
    ...(parsed.REDIS_URL === undefined ? {} : { redisUrl: parsed.REDIS_URL }),
    redisKeyPrefix: parsed.REDIS_KEY_PREFIX,
    grpc: { enabled: parsed.GRPC_ENABLED, port: parsed.GRPC_PORT },
    files: filesGatewayOptionsFrom(parsed),
    voiceSamples: voiceSamplesGatewayOptionsFrom(parsed, filesGatewayOptionsFrom(parsed).blobStore),
  };
}

/** The gateway run on its own: needs the broker's URL. */
export function loadStandaloneGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig & { amqpUrl: string } {
  const parsed = loadConfig(
    'api-gateway',
    z.object({ ...gatewayEnvShape, AMQP_URL: env.url(['amqp', 'amqps']) }).superRefine(refineFilesGatewayEnv),
    source,
  );
  return { ...gatewayConfigFrom(parsed), amqpUrl: parsed.AMQP_URL };
}
