import { performance } from 'node:perf_hooks';
import { GetUserQuery, LoginCommand, RegisterUserCommand } from '#contracts';
import { InProcessBroker, InProcessMessageBus } from '#messaging';
import { startBackendService, type RunningService, type ServiceRuntimeConfig } from '#service-runtime';
import { createTestDatabase } from '#test-support';
import { loadIdentityConfig } from './identity.config.js';
import { createIdentityService } from './identity.service.js';

const runtime: ServiceRuntimeConfig = {
  logLevel: 'warn',
  databasePoolSize: 4,
  busPrefetch: 10,
  busRequestTimeoutMs: 5000,
  busRetryDelaysMs: [],
  outboxPollIntervalMs: 200,
  shutdownGraceMs: 2000,
};

describe('the identity app (createIdentityService on startBackendService)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let broker: InProcessBroker;
  let service: RunningService;
  let caller: InProcessMessageBus;

  beforeAll(async () => {
    database = await createTestDatabase('identity_app_test');
    broker = new InProcessBroker();
    const config = loadIdentityConfig({
      JWT_SECRET: 'x'.repeat(40),
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'Admin-password-1',
    });
    service = await startBackendService(createIdentityService(config), {
      databaseUrl: database.url,
      runtime,
      createBus: async (options) => new InProcessMessageBus(broker, options),
    });
    caller = new InProcessMessageBus(broker, { service: 'identity-app-test' });
  });

  afterAll(async () => {
    await caller.close();
    await service.close();
    broker.close();
    await database.drop();
  });

  it('migrates its schema, creates the configured admin and answers on the bus', async () => {
    const admin = await caller.send(LoginCommand, { email: 'root@example.com', password: 'Admin-password-1' });
    expect(admin.user.roles).toEqual(['user', 'admin']);

    const user = await caller.send(RegisterUserCommand, {
      email: 'ada@example.com',
      password: 'Correct-Horse-42',
      first_name: 'Ada',
      last_name: 'Lovelace',
    });
    await expect(caller.query(GetUserQuery, { user_id: user.user_id })).resolves.toEqual(user);
    const tables = (await service.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'identity' ORDER BY table_name`,
    )) as { table_name: string }[];
    expect(tables.map((row) => row.table_name)).toEqual([
      'api_keys',
      'migrations',
      'outbox',
      'platform_config',
      'platform_config_history',
      'processed_messages',
      'refresh_tokens',
      'sessions',
      'users',
    ]);
  });

  it('logs in within the argon2id budget (reported, loosely bounded)', async () => {
    const rounds = 10;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) await caller.send(LoginCommand, { email: 'ada@example.com', password: 'Correct-Horse-42' });
    const perLoginMs = (performance.now() - started) / rounds;
    process.stdout.write(`identity: ${perLoginMs.toFixed(1)} ms per login over the in-process bus\n`);
    expect(perLoginMs).toBeLessThan(1000);
  });
});
