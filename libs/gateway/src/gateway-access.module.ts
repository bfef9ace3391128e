import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD, ModuleRef } from '@nestjs/core';
import { AccessTokenVerifier } from '#identity';
import { MessageBus } from '#messaging';
import { ApiKeyVerifier } from './auth/api-key-verifier.js';
import type { GatewayAuthOptions } from './auth/auth.options.js';
import { CredentialsAuthenticator } from './auth/credentials-authenticator.js';
import { GatewayAccessGuard } from './auth/gateway-access.guard.js';
import { RevocationEventsListener } from './auth/revocation-events.listener.js';
import { RevocationList } from './auth/revocation-list.js';
import { GrpcGatewayServer, type GrpcServerOptions } from './grpc/grpc-gateway.server.js';
import { AdminUsersHttpController } from './identity/admin-users.http.controller.js';
import { ApiKeysHttpController } from './identity/api-keys.http.controller.js';
import { AuthHttpController } from './identity/auth.http.controller.js';
import { UsersMeHttpController } from './identity/users-me.http.controller.js';
import { FailedLoginLockout } from './rate-limit/failed-login-lockout.js';
import { MemoryRateLimitStore } from './rate-limit/memory-rate-limit.store.js';
import { PlatformConfigRateLimits } from './rate-limit/platform-config-rate-limits.js';
import { RateLimitPolicies, type RateLimitPolicy, type RateLimitPolicyName } from './rate-limit/rate-limit-policies.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { RateLimitStore } from './rate-limit/rate-limit.store.js';
import { RedisRateLimitStore } from './rate-limit/redis-rate-limit.store.js';

export interface GatewayAccessModuleOptions {
  auth: GatewayAuthOptions;
  rateLimits: Record<RateLimitPolicyName, RateLimitPolicy>;
  /** Counters in Redis (shared by every replica) when set; in this process otherwise. */
  redisUrl?: string;
  /** Prefix of the Redis keys (default `voxify:rate-limit:`). */
  redisKeyPrefix?: string;
  /** Serve gRPC; off when absent. */
  grpc?: GrpcServerOptions;
  /** How long the bus may take to answer an API-key check (kept revocations outlive it). */
  busRequestTimeoutMs?: number;
}

const STORE_ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * Identity and access at the gateway: the global access guard (authentication, roles, scopes, rate
 * limits), the revocation list fed by identity's broadcast events, the auth / API-key / user /
 * admin routes, and the gRPC endpoint. Needs `MessageBus` from a global module (MessagingModule).
 */
@Module({})
export class GatewayAccessModule {
  static forRoot(options: GatewayAccessModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: AccessTokenVerifier, useFactory: () => new AccessTokenVerifier(options.auth.accessTokens) },
      {
        provide: RevocationList,
        useFactory: () =>
          new RevocationList({
            accessTokenTtlSeconds: options.auth.accessTokens.ttlSeconds,
            apiKeyMemoryMs: options.auth.apiKeyCacheTtlMs + (options.busRequestTimeoutMs ?? 5000) * 2,
          }),
      },
      {
        provide: ApiKeyVerifier,
        useFactory: (bus: MessageBus, revocations: RevocationList) =>
          new ApiKeyVerifier(bus, revocations, {
            cacheTtlMs: options.auth.apiKeyCacheTtlMs,
            refusalCacheTtlMs: options.auth.apiKeyRefusalCacheTtlMs,
            maxEntries: options.auth.apiKeyCacheMaxEntries,
          }),
        inject: [MessageBus, RevocationList],
      },
      {
        provide: CredentialsAuthenticator,
        useFactory: (tokens: AccessTokenVerifier, apiKeys: ApiKeyVerifier, revocations: RevocationList) =>
          new CredentialsAuthenticator(tokens, apiKeys, revocations),
        inject: [AccessTokenVerifier, ApiKeyVerifier, RevocationList],
      },
      { provide: RateLimitStore, useFactory: () => createRateLimitStore(options) },
      { provide: RateLimitPolicies, useFactory: () => new RateLimitPolicies(options.rateLimits) },
      // Applies the admin's stored rate limits when the app has a PlatformConfigProvider.
      PlatformConfigRateLimits,
      {
        provide: RateLimiter,
        useFactory: (store: RateLimitStore, policies: RateLimitPolicies) => new RateLimiter(store, policies, throttledStoreErrorLog()),
        inject: [RateLimitStore, RateLimitPolicies],
      },
      { provide: FailedLoginLockout, useFactory: (limiter: RateLimiter) => new FailedLoginLockout(limiter), inject: [RateLimiter] },
      GatewayAccessGuard,
      { provide: APP_GUARD, useExisting: GatewayAccessGuard },
      RevocationEventsListener,
    ];
    const grpc = options.grpc;
    if (grpc) {
      providers.push({
        provide: GrpcGatewayServer,
        useFactory: (authenticator: CredentialsAuthenticator, moduleRef: ModuleRef) =>
          new GrpcGatewayServer(authenticator, grpc, moduleRef),
        inject: [CredentialsAuthenticator, ModuleRef],
      });
    }
    return {
      module: GatewayAccessModule,
      controllers: [AuthHttpController, ApiKeysHttpController, UsersMeHttpController, AdminUsersHttpController],
      providers,
      exports: [CredentialsAuthenticator, RevocationList, RateLimitPolicies, RateLimiter, ...(grpc ? [GrpcGatewayServer] : [])],
    };
  }
}

function createRateLimitStore(options: GatewayAccessModuleOptions): RateLimitStore {
  if (!options.redisUrl) return new MemoryRateLimitStore();
  const logger = new Logger('RedisRateLimitStore');
  let lastLoggedAt = 0;
  return new RedisRateLimitStore({
    url: options.redisUrl,
    keyPrefix: options.redisKeyPrefix,
    onError: (error) => {
      if (Date.now() - lastLoggedAt < STORE_ERROR_LOG_INTERVAL_MS) return;
      lastLoggedAt = Date.now();
      logger.warn(`Redis connection trouble: ${error.message}`);
    },
  });
}

/** With the store away every request fails to count; one line every few seconds says so. */
function throttledStoreErrorLog(): (error: unknown, policy: string) => void {
  const logger = new Logger('RateLimiter');
  let lastLoggedAt = 0;
  return (error, policy) => {
    if (Date.now() - lastLoggedAt < STORE_ERROR_LOG_INTERVAL_MS) return;
    lastLoggedAt = Date.now();
    logger.warn(`Rate limits are not enforced (policy ${policy}): ${error instanceof Error ? error.message : String(error)}`);
  };
}
