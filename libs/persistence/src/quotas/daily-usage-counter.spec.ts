import type { DataSource } from 'typeorm';
import { ApplicationError } from '#contracts';
import { schemaOf } from '../data-source/service-schema.js';
import { cleanUp, migratedTestDataSource } from '../testing/test-database.js';
import { DailyUsageCounter } from './daily-usage-counter.js';
import { createDailyUsageTable } from './daily-usage-table.js';

describe('DailyUsageCounter (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let clock = new Date('2026-11-22T23:59:30Z');
  let counter: DailyUsageCounter;

  beforeAll(async () => {
    dataSource = await migratedTestDataSource();
    await createDailyUsageTable(dataSource, schemaOf(dataSource));
    counter = new DailyUsageCounter(schemaOf(dataSource), () => clock);
  });

  afterAll(() => cleanUp([dataSource]));

  async function quotaError(work: Promise<unknown>): Promise<ApplicationError> {
    const error = await work.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApplicationError);
    return error as ApplicationError;
  }

  it('counts usage up to the limit, then refuses with QUOTA_EXCEEDED and the reset time', async () => {
    for (let i = 1; i <= 3; i++) {
      expect(await counter.consume(dataSource, 'usr_a', 'syntheses', 3)).toMatchObject({ used: i, remaining: 3 - i, limit: 3 });
    }
    const error = await quotaError(counter.consume(dataSource, 'usr_a', 'syntheses', 3));
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.details).toEqual({ metric: 'syntheses', limit: 3, used: 3, resets_at: '2026-11-23T00:00:00.000Z' });
    expect(await counter.used(dataSource, 'usr_a', 'syntheses')).toBe(3);
  });

  it('keeps users and metrics apart, and starts again on the next UTC day', async () => {
    await counter.consume(dataSource, 'usr_b', 'syntheses', 3);
    await counter.consume(dataSource, 'usr_a', 'uploads', 3);
    clock = new Date('2026-11-23T00:00:05Z');
    expect(await counter.consume(dataSource, 'usr_a', 'syntheses', 3)).toMatchObject({
      used: 1,
      resetsAt: new Date('2026-11-24T00:00:00Z'),
    });
  });

  it('never lets concurrent requests past the limit', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 25 }, () => counter.consume(dataSource, 'usr_race', 'syntheses', 10)));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(10);
    expect(await counter.used(dataSource, 'usr_race', 'syntheses')).toBe(10);
  });

  it('refuses an amount larger than the whole limit without recording anything', async () => {
    await quotaError(counter.consume(dataSource, 'usr_big', 'uploads', 5, 6));
    expect(await counter.used(dataSource, 'usr_big', 'uploads')).toBe(0);
  });

  it('rolls usage back with the transaction of the work that failed, and release gives usage back', async () => {
    await dataSource
      .transaction(async (manager) => {
        await counter.consume(manager, 'usr_tx', 'syntheses', 5);
        throw new Error('synthesis failed');
      })
      .catch(() => undefined);
    expect(await counter.used(dataSource, 'usr_tx', 'syntheses')).toBe(0);
    await counter.consume(dataSource, 'usr_tx', 'syntheses', 5, 2);
    await counter.release(dataSource, 'usr_tx', 'syntheses', 5);
    expect(await counter.used(dataSource, 'usr_tx', 'syntheses')).toBe(0);
  });
});
