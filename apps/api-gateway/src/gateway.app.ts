import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  configureGatewayHttp,
  createGatewayFastifyAdapter,
  FilesGatewayModule,
  GatewayAccessModule,
  GatewayAdminModule,
  GatewayJobsModule,
  GatewayModule,
  GrpcGatewayServer,
  OpenAiGatewayModule,
  registerStreamedUploads,
  TtsGatewayModule,
  VoiceSamplesGatewayModule,
  VoicesGatewayModule,
} from '#gateway';
import { MessagingModule, type BusOptions, type MessageBus } from '#messaging';
import {
  AppLifecycle,
  createLogger,
  ensureDefaultMetrics,
  NestPinoLogger,
  PlatformConfigModule,
  PrometheusBusObserver,
  ServiceRuntimeModule,
  type ProcessTracing,
} from '#service-runtime';
import type { GatewayConfig } from './gateway.config.js';

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
  /** The gRPC port, when gRPC is enabled. */
  grpcPort?: number;
  close(): Promise<void>;
}

const VERSION = process.env.npm_package_version ?? '0.1.0';

/** The api-gateway's composition root: HTTP shell + bus; the same in its own process and embedded. */
export async function startGateway(
  config: GatewayConfig,
  createBus: (options: BusOptions) => Promise<MessageBus>,
  /** The process's tracing: a server span per request, continued through the bus; none without it. */
  processTracing?: ProcessTracing,
): Promise<RunningGateway> {
  const logger = createLogger('api-gateway', config.logLevel);
  const lifecycle = new AppLifecycle('api-gateway');
  ensureDefaultMetrics();
  const tracing = processTracing?.forApp('api-gateway');
  const bus = await createBus({
    service: 'api-gateway',
    prefetch: config.busPrefetch,
    defaultTimeoutMs: config.busRequestTimeoutMs,
    retryDelaysMs: config.busRetryDelaysMs,
    observer: new PrometheusBusObserver('api-gateway'),
    tracer: tracing?.messages,
    logger,
  });

  @Module({})
  class GatewayRootModule {}
  const root: DynamicModule = {
    module: GatewayRootModule,
    imports: [
      ServiceRuntimeModule.forApp({ lifecycle, logger, bus, serveHealth: false, serveMetrics: true }),
      MessagingModule.forRoot({ bus }),
      GatewayModule.forRoot({ healthTimeoutMs: config.healthTimeoutMs, version: VERSION }),
      GatewayAccessModule.forRoot({
        auth: config.auth,
        rateLimits: config.rateLimits,
        redisUrl: config.redisUrl,
        redisKeyPrefix: config.redisKeyPrefix,
        busRequestTimeoutMs: config.busRequestTimeoutMs,
        grpc: config.grpc.enabled ? { port: config.grpc.port, host: config.host, shutdownGraceMs: config.shutdownGraceMs } : undefined,
      }),
      // The admin's runtime settings; GatewayAccessModule applies their rate limits as they change.
      PlatformConfigModule.forRoot({ queryTimeoutMs: config.busRequestTimeoutMs }),
      GatewayAdminModule.forRoot(),
      GatewayJobsModule,
      FilesGatewayModule.forRoot(config.files),
      VoiceSamplesGatewayModule.forRoot(config.voiceSamples),
      VoicesGatewayModule,
      // Serves synthesised audio through the files download route above.
      TtsGatewayModule,
      // POST /v1/audio/speech for OpenAI's SDKs, outside the api/v1 prefix.
      OpenAiGatewayModule,
    ],
  };

  const app = await NestFactory.create<NestFastifyApplication>(
    root,
    createGatewayFastifyAdapter({ bodyLimitBytes: config.bodyLimitBytes, trustProxy: config.trustProxy }),
    { logger: new NestPinoLogger(logger) },
  );
  await registerStreamedUploads(app, config.files.maxUploadBytes);
  configureGatewayHttp(app, {
    corsOrigins: config.corsOrigins,
    bodyLimitBytes: config.bodyLimitBytes,
    docsEnabled: config.docsEnabled,
    version: VERSION,
    tracer: tracing?.http,
  });
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const grpcPort = config.grpc.enabled ? app.get(GrpcGatewayServer).port : undefined;
  logger.info({ url, grpcPort, docs: config.docsEnabled ? `${url}/docs` : undefined }, 'api-gateway listening');

  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    grpcPort,
    close: () =>
      (closing ??= (async () => {
        lifecycle.startDraining();
        await app.close();
        logger.info({}, 'api-gateway stopped');
      })()),
  };
}
