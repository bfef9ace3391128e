import { Test, type TestingModule } from '@nestjs/testing';
import {
  DEFAULT_PLATFORM_CONFIG,
  GetPlatformConfigQuery,
  PlatformConfigChangedEvent,
  UNSET_PLATFORM_CONFIG,
  type PlatformConfig,
} from '#contracts';
import { InProcessBroker, InProcessMessageBus, MessagingModule } from '#messaging';
import { waitFor } from '#test-support';
import { PlatformConfigModule } from './platform-config.module.js';
import { PlatformConfigProvider } from './platform-config.provider.js';

function version(number: number, requestsPerMinute: number): PlatformConfig {
  return {
    version: number,
    ...DEFAULT_PLATFORM_CONFIG,
    rate_limits: { ...DEFAULT_PLATFORM_CONFIG.rate_limits, requests_per_minute: requestsPerMinute },
    updated_at: '2026-12-01T10:00:00.000Z',
    updated_by: 'usr_admin',
  };
}

describe('PlatformConfigProvider (Nest wiring on the in-process bus)', () => {
  let broker: InProcessBroker;
  const apps: TestingModule[] = [];
  let identity: InProcessMessageBus | undefined;

  beforeEach(() => {
    broker = new InProcessBroker();
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await identity?.close();
    identity = undefined;
    broker.close();
  });

  /** A service instance (its own bus on the shared broker) with the provider wired as apps wire it. */
  async function startInstance(options: { resyncIntervalMs?: number } = {}): Promise<PlatformConfigProvider> {
    const bus = new InProcessMessageBus(broker, { service: 'jobs', defaultTimeoutMs: 500 });
    const app = await Test.createTestingModule({
      imports: [MessagingModule.forRoot({ bus }), PlatformConfigModule.forRoot({ retryDelaysMs: [20], queryTimeoutMs: 200, ...options })],
    }).compile();
    await app.init();
    apps.push(app);
    return app.get(PlatformConfigProvider);
  }

  /** Identity as far as the provider sees it: it answers the query with whatever `stored()` returns. */
  async function startIdentity(stored: () => PlatformConfig): Promise<InProcessMessageBus> {
    identity = new InProcessMessageBus(broker, { service: 'identity' });
    identity.handle(GetPlatformConfigQuery, async () => stored());
    await identity.start();
    return identity;
  }

  it('holds the defaults while identity is not up, then the stored settings once identity answers', async () => {
    const provider = await startInstance();
    expect(provider.current()).toEqual(UNSET_PLATFORM_CONFIG);
    const seen: number[] = [];
    provider.onChange((config, previous) => seen.push(previous.version, config.version));

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(provider.current().version).toBe(0);

    await startIdentity(() => version(3, 7));
    const loaded = await provider.whenLoaded();
    expect(loaded).toEqual(version(3, 7));
    expect(provider.current().rate_limits.requests_per_minute).toBe(7);
    expect(seen).toEqual([0, 3]);
  });

  it('applies change events on every instance, and ignores versions older than or equal to the one held', async () => {
    const bus = await startIdentity(() => version(1, 50));
    const [first, second] = [await startInstance(), await startInstance()];
    await Promise.all([first.whenLoaded(), second.whenLoaded()]);
    expect([first.current().version, second.current().version]).toEqual([1, 1]);

    await bus.publish(PlatformConfigChangedEvent, { config: version(2, 9) });
    await waitFor('both instances at version 2', async () =>
      first.current().version === 2 && second.current().version === 2 ? true : undefined,
    );
    expect(second.current().rate_limits.requests_per_minute).toBe(9);

    const changes: number[] = [];
    first.onChange((config) => changes.push(config.version));
    await bus.publish(PlatformConfigChangedEvent, { config: version(1, 1000) });
    await bus.publish(PlatformConfigChangedEvent, { config: version(2, 1000) });
    await bus.publish(PlatformConfigChangedEvent, { config: version(4, 4) });
    await waitFor('version 4', async () => (first.current().version === 4 ? true : undefined));
    expect(changes).toEqual([4]);
    expect(first.current().rate_limits.requests_per_minute).toBe(4);
  });

  it('asks again at the resync interval, catching up on a change whose event it missed', async () => {
    let stored = version(1, 50);
    await startIdentity(() => stored);
    const provider = await startInstance({ resyncIntervalMs: 50 });
    await provider.whenLoaded();
    stored = version(2, 20);
    await waitFor('the resync to find version 2', async () => (provider.current().version === 2 ? true : undefined), 2000, 20);
  });

  it('keeps going when a listener throws, and hands out settings nobody can change', async () => {
    const provider = await startInstance();
    const bus = await startIdentity(() => version(0, 100));
    await provider.whenLoaded();
    const reached: number[] = [];
    provider.onChange(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = provider.onChange((config) => reached.push(config.version));
    await bus.publish(PlatformConfigChangedEvent, { config: version(5, 5) });
    await waitFor('version 5', async () => (provider.current().version === 5 ? true : undefined));
    expect(reached).toEqual([5]);
    expect(() => {
      (provider.current().rate_limits as { requests_per_minute: number }).requests_per_minute = 1;
    }).toThrow(TypeError);

    unsubscribe();
    await bus.publish(PlatformConfigChangedEvent, { config: version(6, 6) });
    await waitFor('version 6', async () => (provider.current().version === 6 ? true : undefined));
    expect(reached).toEqual([5]);
  });
});
