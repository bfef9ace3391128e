import { join } from 'node:path';
import { InProcessBroker, InProcessMessageBus, RabbitMqMessageBus, type BusOptions, type MessageBus } from '#messaging';
import { startEmbeddedPostgres } from '#persistence';
import { createLogger, loadTracingConfig, ProcessTracing, startBackendService, type RunningService } from '#service-runtime';
import { startGateway, type RunningGateway } from '../../api-gateway/src/gateway.app.js';
import { createIdentityService } from '../../identity/src/identity.service.js';
import { createJobsService } from '../../jobs/src/jobs.service.js';
import { createStorageService } from '../../storage/src/storage.service.js';
import { createSynthesisService } from '../../synthesis/src/synthesis.service.js';
import { createVoiceService } from '../../voice/src/voice.service.js';
import type { EmbeddedConfig } from './embedded.config.js';

export interface EmbeddedPlatform {
  url: string;
  gateway: RunningGateway;
  services: RunningService[];
  close(): Promise<void>;
}

/**
 * All six apps in one process: embedded PostgreSQL (PGlite over the wire protocol, data under
 * DATA_DIR) unless DATABASE_URL is set, the in-process bus unless AMQP_URL is set. The apps are the
 * same composition roots that run on their own; only the infrastructure handed to them differs.
 */
export async function startEmbeddedPlatform(config: EmbeddedConfig): Promise<EmbeddedPlatform> {
  const backendApps = [
    createIdentityService(config.identity),
    createVoiceService(config.voice),
    createSynthesisService(config.synthesis),
    createJobsService(config.jobs),
    createStorageService(config.storage),
  ];
  const logger = createLogger('embedded', config.services.logLevel);
  const started = Date.now();
  const tracing = ProcessTracing.start(loadTracingConfig('voxify'));

  const embeddedPostgres = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(config.dataDir, 'pg'),
        maxConnections: backendApps.length * config.services.databasePoolSize + 2,
      });
  const databaseUrl = config.databaseUrl ?? embeddedPostgres!.url;

  const broker = config.amqpUrl ? undefined : new InProcessBroker();
  const createBus = async (options: BusOptions): Promise<MessageBus> =>
    broker ? new InProcessMessageBus(broker, options) : RabbitMqMessageBus.connect({ ...options, url: config.amqpUrl! });

  const services: RunningService[] = [];
  let gateway: RunningGateway | undefined;
  const close = async (): Promise<void> => {
    await gateway?.close();
    for (const service of [...services].reverse()) await service.close();
    await embeddedPostgres?.stop();
    await tracing.shutdown();
    logger.info({}, 'Voxify stopped');
  };

  try {
    for (const definition of backendApps) {
      services.push(await startBackendService(definition, { databaseUrl, runtime: config.services, createBus, tracing }));
    }
    gateway = await startGateway(config.gateway, createBus, tracing);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }

  logger.info(
    {
      url: gateway.url,
      database: embeddedPostgres ? `embedded PGlite in ${join(config.dataDir, 'pg')}` : 'DATABASE_URL',
      bus: broker ? 'in-process' : 'RabbitMQ (AMQP_URL)',
      startupMs: Date.now() - started,
    },
    'Voxify is up',
  );
  return { url: gateway.url, gateway, services, close };
}
