import { resolve } from 'node:path';
import { z } from 'zod';
import { env, loadConfig, runtimeConfigFrom, serviceEnvShape, type ServiceRuntimeConfig } from '#service-runtime';
import { gatewayConfigFrom, gatewayEnvShape, type GatewayConfig } from '../../api-gateway/src/gateway.config.js';

export interface EmbeddedConfig {
  gateway: GatewayConfig;
  services: ServiceRuntimeConfig;
  dataDir: string;
  /** Real servers instead of the embedded ones, when set. */
  databaseUrl?: string;
  amqpUrl?: string;
}

const embeddedEnvShape = {
  ...serviceEnvShape,
  ...gatewayEnvShape,
  DATA_DIR: z.string().min(1).default('./data'),
  // PGlite runs one transaction at a time, so big pools only queue; keep them small.
  DATABASE_POOL_SIZE: env.positiveInt(2),
  DATABASE_URL: env.url(['postgres', 'postgresql']).optional(),
  AMQP_URL: env.url(['amqp', 'amqps']).optional(),
};

export function loadEmbeddedConfig(source: NodeJS.ProcessEnv = process.env): EmbeddedConfig {
  const parsed = loadConfig('embedded', z.object(embeddedEnvShape), source);
  return {
    gateway: gatewayConfigFrom(parsed),
    services: runtimeConfigFrom(parsed),
    dataDir: resolve(parsed.DATA_DIR),
    databaseUrl: parsed.DATABASE_URL,
    amqpUrl: parsed.AMQP_URL,
  };
}
