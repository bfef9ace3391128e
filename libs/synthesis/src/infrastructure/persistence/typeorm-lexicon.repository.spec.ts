import type { DataSource } from 'typeorm';
import { createServiceDataSource, runServiceMigrations, serviceFoundationMigration } from '#persistence';
import { cleanUp, TEST_DATABASE_URL, uniqueTestService } from '../../../../persistence/src/testing/test-database.js';
import { LexiconProvider } from '../../application/lexicon/lexicon.provider.js';
import { SynthesisUserLexicons1764300000000 } from '../migrations/user-lexicons.migration.js';
import { synthesisEntities } from './synthesis-entities.js';
import { TypeOrmLexiconRepository } from './typeorm-lexicon.repository.js';

describe('TypeOrmLexiconRepository (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let repository: TypeOrmLexiconRepository;

  beforeAll(async () => {
    const service = uniqueTestService();
    dataSource = createServiceDataSource({
      service,
      url: TEST_DATABASE_URL,
      migrations: [serviceFoundationMigration(service, 1700000000000), SynthesisUserLexicons1764300000000],
      entities: synthesisEntities,
      poolSize: 2,
    });
    await runServiceMigrations(dataSource);
    repository = new TypeOrmLexiconRepository(dataSource);
  });

  afterAll(() => cleanUp([dataSource]));

  it('has nothing for a user who never set a lexicon', async () => {
    expect(await repository.find('usr_none')).toBeUndefined();
  });

  it('replaces a lexicon as a whole, per user, keeping the entries in order', async () => {
    const first = new Date('2026-11-23T01:00:00.000Z');
    await repository.replace('usr_a', {
      entries: [
        { word: 'Voxify', ipa: 'vˈɑːksɪfaɪ' },
        { word: 'SQL', respelling: 'sequel' },
      ],
      updatedAt: first,
    });
    await repository.replace('usr_b', { entries: [{ word: 'GIF', respelling: 'jiff' }], updatedAt: first });
    const second = new Date('2026-11-23T02:00:00.000Z');
    await repository.replace('usr_a', { entries: [{ word: 'tomato', ipa: 'təmˈɑːtoʊ' }], updatedAt: second });
    expect(await repository.find('usr_a')).toEqual({ entries: [{ word: 'tomato', ipa: 'təmˈɑːtoʊ' }], updatedAt: second });
    expect(await repository.find('usr_b')).toEqual({ entries: [{ word: 'GIF', respelling: 'jiff' }], updatedAt: first });
  });

  it('serves the provider, which sees a put of the same process at once', async () => {
    const provider = new LexiconProvider(repository);
    await repository.replace('usr_c', { entries: [{ word: 'one', respelling: 'won' }], updatedAt: new Date() });
    expect(await provider.forUser('usr_c')).toEqual([{ word: 'one', respelling: 'won' }]);
    await repository.replace('usr_c', { entries: [], updatedAt: new Date() });
    expect(await provider.forUser('usr_c')).toEqual([{ word: 'one', respelling: 'won' }]);
    provider.invalidate('usr_c');
    expect(await provider.forUser('usr_c')).toBeUndefined();
  });
});
