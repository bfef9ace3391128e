import { join, resolve } from 'node:path';
import { z } from 'zod';
import { env, loadConfig, runtimeConfigFrom, serviceEnvShape, tracingEnvShape, type ServiceRuntimeConfig } from '#service-runtime';
import { gatewayConfigFrom, gatewayEnvShape, type GatewayConfig } from '../../api-gateway/src/gateway.config.js';
import { identityConfigFrom, identityEnvShape, type IdentityConfig } from '../../identity/src/identity.config.js';
import { jobsConfigFrom, jobsEnvShape, type JobsConfig } from '../../jobs/src/jobs.config.js';
import { storageConfigFrom, storageEnvShape, type StorageConfig } from '../../storage/src/storage.config.js';
import { synthesisConfigFrom, synthesisEnvShape } from '../../synthesis/src/synthesis.config.js';
import type { SynthesisModuleOptions } from '#synthesis';
import type { VoiceModuleOptions } from '#voice';
import { voiceConfigFrom, voiceEnvShape } from '../../voice/src/voice.config.js';
import { embeddedSecret } from './embedded-secrets.js';

export interface EmbeddedConfig {
  gateway: GatewayConfig;
  services: ServiceRuntimeConfig;
  identity: IdentityConfig;
  jobs: JobsConfig;
  storage: StorageConfig;
  synthesis: SynthesisModuleOptions;
  voice: VoiceModuleOptions;
  dataDir: string;
  /** Real servers instead of the embedded ones, when set. */
  databaseUrl?: string;
  amqpUrl?: string;
}

const embeddedEnvShape = {
  ...serviceEnvShape,
  ...gatewayEnvShape,
  ...identityEnvShape,
  ...jobsEnvShape,
  ...storageEnvShape,
  ...synthesisEnvShape,
  ...voiceEnvShape,
  ...tracingEnvShape,
  DATA_DIR: z.string().min(1).default('./data'),
  // PGlite runs one transaction at a time, so big pools only queue; keep them small.
  DATABASE_POOL_SIZE: env.positiveInt(2),
  DATABASE_URL: env.url(['postgres', 'postgresql']).optional(),
  AMQP_URL: env.url(['amqp', 'amqps']).optional(),
};

/**
 * Reads the environment. Secrets left unset (JWT_SECRET, FILE_URL_SECRET) are generated once and kept
 * under DATA_DIR; files go to DATA_DIR/files unless FILES_DIR says otherwise.
 */
export function loadEmbeddedConfig(source: NodeJS.ProcessEnv = process.env): EmbeddedConfig {
  const dataDir = resolve(source.DATA_DIR || './data');
  const withSecrets = {
    ...source,
    JWT_SECRET: source.JWT_SECRET || embeddedSecret(dataDir, 'jwt-secret'),
    FILE_URL_SECRET: source.FILE_URL_SECRET || embeddedSecret(dataDir, 'file-url-secret'),
    FILES_DIR: source.FILES_DIR || join(dataDir, 'files'),
  };
  const parsed = loadConfig('embedded', z.object(embeddedEnvShape), withSecrets);
  return {
    gateway: gatewayConfigFrom(parsed),
    services: runtimeConfigFrom(parsed),
    identity: identityConfigFrom(parsed),
    jobs: jobsConfigFrom(parsed),
    storage: storageConfigFrom(parsed),
    synthesis: synthesisConfigFrom(parsed),
    voice: voiceConfigFrom(parsed),
    dataDir: resolve(parsed.DATA_DIR),
    databaseUrl: parsed.DATABASE_URL,
    amqpUrl: parsed.AMQP_URL,
  };
}
