import type { DataSource } from 'typeorm';
import { createServiceDataSource, runServiceMigrations, schemaOf, serviceFoundationMigration } from '#persistence';
import { cleanUp, TEST_DATABASE_URL, uniqueTestService } from '../../../persistence/src/testing/test-database.js';
import { SynthesisCacheAndRecords1764150000000 } from '../infrastructure/migrations/synthesis-cache-and-records.migration.js';
import { SynthesisCache, type CachedSynthesis } from './synthesis-cache.js';
import { synthesisCacheKey, type SynthesisCacheKeyInput } from './synthesis-cache-key.js';

const INPUT: SynthesisCacheKeyInput = {
  voiceId: 'en_US-voxify-low:slt',
  text: 'Hello there.',
  speed: 1,
  pitch: 1,
  volume: 1,
  format: 'wav',
  sampleRate: undefined,
  timestamps: false,
};

describe('synthesisCacheKey', () => {
  it('is a hex SHA-256 that stays the same for the same input, whatever the object key order', () => {
    const reordered = Object.fromEntries(Object.entries(INPUT).reverse()) as unknown as SynthesisCacheKeyInput;
    expect(synthesisCacheKey(INPUT)).toMatch(/^[0-9a-f]{64}$/);
    expect(synthesisCacheKey(reordered)).toBe(synthesisCacheKey(INPUT));
    expect(synthesisCacheKey({ ...INPUT, lexiconVersion: null })).toBe(synthesisCacheKey(INPUT));
  });

  it.each<Partial<SynthesisCacheKeyInput>>([
    { voiceId: 'en_US-voxify-low:rms' },
    { text: 'Hello there!' },
    { lexiconVersion: 'a1b2c3' },
    { speed: 1.1 },
    { pitch: 0.9 },
    { volume: 0.5 },
    { format: 'mp3' },
    { sampleRate: 22050 },
    { timestamps: true },
  ])('changes with %j', (change) => {
    expect(synthesisCacheKey({ ...INPUT, ...change })).not.toBe(synthesisCacheKey(INPUT));
  });
});

describe('SynthesisCache (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let cache: SynthesisCache;
  const now = new Date('2026-11-23T12:00:00Z');
  const entry = (change: Partial<CachedSynthesis> = {}): CachedSynthesis => ({
    userId: 'usr_a',
    key: 'k1',
    fileId: 'file_1',
    format: 'wav',
    sampleRate: 16000,
    duration: 1.25,
    words: [{ word: 'Hello', start: 0.1, end: 0.4 }],
    expiresAt: new Date('2026-11-24T12:00:00Z'),
    ...change,
  });

  beforeAll(async () => {
    const service = uniqueTestService();
    dataSource = createServiceDataSource({
      service,
      url: TEST_DATABASE_URL,
      migrations: [serviceFoundationMigration(service, 1700000000000), SynthesisCacheAndRecords1764150000000],
      poolSize: 2,
    });
    await runServiceMigrations(dataSource);
    cache = new SynthesisCache(dataSource);
  });

  afterAll(() => cleanUp([dataSource]));

  it('finds an entry for its own user only, until the file expires', async () => {
    await cache.remember(entry(), now);
    expect(await cache.find('usr_a', 'k1', now)).toEqual(entry());
    expect(await cache.find('usr_b', 'k1', now)).toBeUndefined();
    expect(await cache.find('usr_a', 'k1', new Date('2026-11-24T12:00:01Z'))).toBeUndefined();
  });

  it('keeps entries of files that never expire, and without words', async () => {
    await cache.remember(entry({ key: 'k2', fileId: 'file_2', expiresAt: null, words: null }), now);
    expect(await cache.find('usr_a', 'k2', new Date('2030-01-01T00:00:00Z'))).toMatchObject({ fileId: 'file_2', words: null });
  });

  it('replaces the entry of a key, and forgets it only while it still points at the gone file', async () => {
    await cache.remember(entry({ key: 'k3', fileId: 'file_old' }), now);
    await cache.remember(entry({ key: 'k3', fileId: 'file_new' }), now);
    await cache.forget('usr_a', 'k3', 'file_old');
    expect((await cache.find('usr_a', 'k3', now))?.fileId).toBe('file_new');
    await cache.forget('usr_a', 'k3', 'file_new');
    expect(await cache.find('usr_a', 'k3', now)).toBeUndefined();
  });

  it("drops the user's expired entries when it remembers a new one", async () => {
    await cache.remember(entry({ key: 'k4', expiresAt: new Date('2026-11-23T12:30:00Z') }), now);
    await cache.remember(entry({ key: 'k5' }), new Date('2026-11-23T13:00:00Z'));
    const rows = (await dataSource.query(
      `SELECT cache_key FROM "${schemaOf(dataSource)}".synthesis_cache WHERE cache_key = 'k4'`,
    )) as unknown[];
    expect(rows).toHaveLength(0);
  });
});
