import type { DataSource } from 'typeorm';
import { ApplicationError, UNSET_PLATFORM_CONFIG } from '#contracts';
import type { MessageBus } from '#messaging';
import { createServiceDataSource, runServiceMigrations, serviceFoundationMigration } from '#persistence';
import { PlatformConfigProvider } from '#service-runtime';
import { cleanUp, TEST_DATABASE_URL, uniqueTestService } from '../../../persistence/src/testing/test-database.js';
import { SynthesisUsage1764100000000 } from '../infrastructure/migrations/synthesis-usage.migration.js';
import { SynthesisQuota } from './synthesis-quota.js';

describe('SynthesisQuota (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let platform: PlatformConfigProvider;
  let quota: SynthesisQuota;

  beforeAll(async () => {
    const service = uniqueTestService();
    dataSource = createServiceDataSource({
      service,
      url: TEST_DATABASE_URL,
      migrations: [serviceFoundationMigration(service, 1700000000000), SynthesisUsage1764100000000],
      poolSize: 2,
    });
    await runServiceMigrations(dataSource);
    platform = new PlatformConfigProvider({} as MessageBus, null, null);
    platform.apply({ ...UNSET_PLATFORM_CONFIG, version: 1, daily_quotas: { syntheses: 3, uploads: 100 } }, 'event');
    quota = new SynthesisQuota(dataSource, platform);
  });

  afterAll(() => cleanUp([dataSource]));

  it('charges one synthesis per call and answers QUOTA_EXCEEDED with resets_at at the platform limit', async () => {
    for (let i = 0; i < 3; i++) await quota.charge('usr_q');
    const error = await quota.charge('usr_q').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApplicationError);
    expect((error as ApplicationError).code).toBe('QUOTA_EXCEEDED');
    expect((error as ApplicationError).details).toMatchObject({ metric: 'syntheses', limit: 3, used: 3 });
    expect(Date.parse(((error as ApplicationError).details as { resets_at: string }).resets_at)).toBeGreaterThan(Date.now());
    expect(await quota.usedToday('usr_q')).toBe(3);
    await quota.charge('usr_other');
  });

  it('follows a platform config change without a restart, and refund gives one back', async () => {
    platform.apply({ ...UNSET_PLATFORM_CONFIG, version: 2, daily_quotas: { syntheses: 4, uploads: 100 } }, 'event');
    await quota.charge('usr_q');
    await expect(quota.charge('usr_q')).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    await quota.refund('usr_q');
    await quota.charge('usr_q');
    expect(await quota.usedToday('usr_q')).toBe(4);
  });
});
