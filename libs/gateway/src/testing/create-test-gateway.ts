import { Global, Module, type LoggerService, type ModuleMetadata, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { MessageBus, MessagingModule } from '#messaging';
import { GatewayModule } from '../gateway.module.js';
import { configureGatewayHttp, type GatewayHttpOptions } from '../http/configure-gateway-http.js';
import { createGatewayFastifyAdapter } from '../http/create-gateway-fastify-adapter.js';
import { bridgeEsmOnlyDependenciesForJest } from './bridge-esm-only-dependencies.js';
import { TestHttpClient } from './test-http-client.js';

export interface TestGatewayOptions extends Partial<GatewayHttpOptions> {
  bus: MessageBus;
  /** Extra controllers standing in for the feature routes of later work. */
  controllers?: Type[];
  healthTimeoutMs?: number;
  /** Feature modules, e.g. GatewayAccessModule. */
  imports?: ModuleMetadata['imports'];
  /**
   * The gateway owns its bus, as the api-gateway app does (MessagingModule): its @OnEvent handlers
   * are registered, and the bus is started with the app and closed with it.
   */
  ownsBus?: boolean;
  /** Nest's logger (silent when absent). */
  logger?: LoggerService;
}

export interface TestGateway {
  app: NestFastifyApplication;
  http: TestHttpClient;
  close(): Promise<void>;
}

/** The gateway's HTTP shell as the api-gateway app builds it, listening on a free local port. */
export async function createTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  @Global()
  @Module({ providers: [{ provide: MessageBus, useValue: options.bus }], exports: [MessageBus] })
  class TestBusModule {}

  const docsEnabled = options.docsEnabled ?? true;
  if (docsEnabled) await bridgeEsmOnlyDependenciesForJest();
  const bodyLimitBytes = options.bodyLimitBytes ?? 1024;
  const moduleRef = await Test.createTestingModule({
    imports: [
      options.ownsBus ? MessagingModule.forRoot({ bus: options.bus }) : TestBusModule,
      GatewayModule.forRoot({ version: '9.9.9-test', healthTimeoutMs: options.healthTimeoutMs }),
      ...(options.imports ?? []),
    ],
    controllers: options.controllers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createGatewayFastifyAdapter({ bodyLimitBytes, trustProxy: false }), {
    logger: options.logger ?? false,
  });
  configureGatewayHttp(app, {
    corsOrigins: options.corsOrigins ?? ['https://app.voxify.test'],
    bodyLimitBytes,
    docsEnabled,
    version: options.version ?? '9.9.9-test',
  });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, http: new TestHttpClient(url), close: () => app.close() };
}
