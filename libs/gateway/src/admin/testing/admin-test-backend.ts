import {
  AdminErrorCode,
  ApplicationError,
  ErrorCode,
  GetPlatformConfigQuery,
  PlatformConfigChangedEvent,
  UNSET_PLATFORM_CONFIG,
  UpdatePlatformConfigCommand,
  serviceStatsQuery,
  type BackendServiceName,
  type PayloadOf,
  type PlatformConfig,
  type Role,
  type ServiceStats,
} from '#contracts';
import { AccessTokenSigner } from '#identity';
import { InProcessMessageBus, type MessageBus } from '#messaging';
import { PlatformConfigModule } from '#service-runtime';
import { GatewayAccessModule } from '../../gateway-access.module.js';
import { TEST_RATE_LIMITS } from '../../testing/create-access-test-gateway.js';
import { createTestGateway, type TestGateway } from '../../testing/create-test-gateway.js';
import { TEST_ACCESS_TOKENS } from '../../testing/fake-identity.service.js';
import type { InProcessBackend } from '../../testing/in-process-backend.js';
import { ScopedSampleController } from '../../testing/scoped-sample.controller.js';
import { GatewayAdminModule } from '../gateway-admin.module.js';

/**
 * Identity as the admin routes see it, in memory: it stores settings (versions, conflicts, admins
 * only by role claim of the fake users) and publishes the change event; it answers its statistics.
 */
export class FakeConfigIdentity {
  config: PlatformConfig = structuredClone(UNSET_PLATFORM_CONFIG);
  readonly updates: Array<PayloadOf<typeof UpdatePlatformConfigCommand>> = [];
  readonly admins = new Set<string>();
  private bus!: MessageBus;
  private readonly signer = new AccessTokenSigner(TEST_ACCESS_TOKENS);

  static async start(backend: InProcessBackend, stats: ServiceStats): Promise<FakeConfigIdentity> {
    const identity = new FakeConfigIdentity();
    identity.bus = await backend.startService('identity', (bus) => {
      bus.handle(GetPlatformConfigQuery, async () => identity.config);
      bus.handle(UpdatePlatformConfigCommand, async (payload) => identity.update(payload));
      bus.handle(serviceStatsQuery('identity'), async () => stats);
    });
    return identity;
  }

  token(userId: string, roles: Role[]): string {
    if (roles.includes('admin')) this.admins.add(userId);
    return this.signer.issue({ userId, email: `${userId}@example.com`, roles, sessionId: `ses_${userId}` }).token;
  }

  /** Stores `config` and publishes it, as an admin change would. */
  async store(config: PlatformConfig): Promise<void> {
    this.config = config;
    await this.bus.publish(PlatformConfigChangedEvent, { config });
  }

  private async update(payload: PayloadOf<typeof UpdatePlatformConfigCommand>): Promise<PlatformConfig> {
    this.updates.push(payload);
    if (!this.admins.has(payload.actor_id)) throw new ApplicationError(ErrorCode.PERMISSION_DENIED, 'Only admins');
    if (payload.expected_version !== undefined && payload.expected_version !== this.config.version) {
      throw new ApplicationError(AdminErrorCode.CONFIG_VERSION_CONFLICT, 'Changed meanwhile');
    }
    const { rate_limits: rateLimits, daily_quotas: dailyQuotas, ...scalars } = payload.changes;
    await this.store({
      ...this.config,
      ...scalars,
      rate_limits: { ...this.config.rate_limits, ...rateLimits },
      daily_quotas: { ...this.config.daily_quotas, ...dailyQuotas },
      version: this.config.version + 1,
      updated_at: new Date().toISOString(),
      updated_by: payload.actor_id,
    });
    return this.config;
  }
}

/** A back-end service that answers its statistics, optionally late. */
export async function startStatsService(
  backend: InProcessBackend,
  service: BackendServiceName,
  stats: ServiceStats,
  delayMs = 0,
): Promise<void> {
  await backend.startService(service, (bus) =>
    bus.handle(serviceStatsQuery(service), async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return stats;
    }),
  );
}

/** A gateway replica wired as the api-gateway app wires the admin routes and the platform settings. */
export function createAdminTestGateway(backend: InProcessBackend, options: { docsEnabled?: boolean } = {}): Promise<TestGateway> {
  const bus = new InProcessMessageBus(backend.broker, { service: 'api-gateway', defaultTimeoutMs: 2000 });
  return createTestGateway({
    bus,
    ownsBus: true,
    docsEnabled: options.docsEnabled ?? false,
    controllers: [ScopedSampleController],
    imports: [
      GatewayAccessModule.forRoot({
        auth: { accessTokens: TEST_ACCESS_TOKENS, apiKeyCacheTtlMs: 60_000, apiKeyRefusalCacheTtlMs: 5000 },
        rateLimits: TEST_RATE_LIMITS,
      }),
      PlatformConfigModule.forRoot({ retryDelaysMs: [20], queryTimeoutMs: 500 }),
      GatewayAdminModule.forRoot(),
    ],
  });
}
