import type { LoggerService, ModuleMetadata, Type } from '@nestjs/common';
import { InProcessMessageBus, type BusLogger } from '#messaging';
import { GatewayAccessModule } from '../gateway-access.module.js';
import { GrpcGatewayServer } from '../grpc/grpc-gateway.server.js';
import type { RateLimitPolicy, RateLimitPolicyName } from '../rate-limit/rate-limit-policies.js';
import { createTestGateway, type TestGateway } from './create-test-gateway.js';
import { TEST_ACCESS_TOKENS } from './fake-identity.service.js';
import type { InProcessBackend } from './in-process-backend.js';
import { ScopedSampleController } from './scoped-sample.controller.js';

export const TEST_RATE_LIMITS: Record<RateLimitPolicyName, RateLimitPolicy> = {
  principal: { limit: 100, windowMs: 60_000 },
  'auth.login': { limit: 20, windowMs: 15 * 60_000 },
  'auth.register': { limit: 20, windowMs: 15 * 60_000 },
  'auth.refresh': { limit: 20, windowMs: 15 * 60_000 },
  'auth.failed-login': { limit: 10, windowMs: 15 * 60_000 },
};

export interface AccessTestGatewayOptions {
  backend: InProcessBackend;
  rateLimits?: Partial<Record<RateLimitPolicyName, RateLimitPolicy>>;
  redisUrl?: string;
  redisKeyPrefix?: string;
  grpc?: boolean;
  apiKeyCacheTtlMs?: number;
  logger?: LoggerService;
  busLogger?: BusLogger;
  controllers?: Type[];
  docsEnabled?: boolean;
  /** Feature modules under test, imported after the access module (e.g. TtsGatewayModule). */
  imports?: ModuleMetadata['imports'];
  bodyLimitBytes?: number;
}

export interface AccessTestGateway extends TestGateway {
  /** Set when started with `grpc: true`. */
  grpcPort?: number;
}

/**
 * A gateway replica with identity and access wired as the api-gateway app wires it, on a bus of its
 * own (so several replicas can share one in-process broker).
 */
export async function createAccessTestGateway(options: AccessTestGatewayOptions): Promise<AccessTestGateway> {
  const bus = new InProcessMessageBus(options.backend.broker, {
    service: 'api-gateway',
    defaultTimeoutMs: 2000,
    logger: options.busLogger,
  });
  const gateway = await createTestGateway({
    bus,
    ownsBus: true,
    docsEnabled: options.docsEnabled ?? false,
    logger: options.logger,
    controllers: options.controllers ?? [ScopedSampleController],
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
    imports: [
      GatewayAccessModule.forRoot({
        auth: {
          accessTokens: TEST_ACCESS_TOKENS,
          apiKeyCacheTtlMs: options.apiKeyCacheTtlMs ?? 60_000,
          apiKeyRefusalCacheTtlMs: 5000,
        },
        rateLimits: { ...TEST_RATE_LIMITS, ...options.rateLimits },
        redisUrl: options.redisUrl,
        redisKeyPrefix: options.redisKeyPrefix,
        grpc: options.grpc ? { port: 0, host: '127.0.0.1', shutdownGraceMs: 500 } : undefined,
      }),
      ...(options.imports ?? []),
    ],
  });
  return options.grpc ? { ...gateway, grpcPort: gateway.app.get(GrpcGatewayServer).port } : gateway;
}
