import type { DataSource } from 'typeorm';
import { createServiceDataSource } from '../data-source/create-service-data-source.js';
import { cleanUp, notesTable, TEST_DATABASE_URL, testMigrations, uniqueTestService } from '../testing/test-database.js';
import { latestMigration, runServiceMigrations } from './run-service-migrations.js';

const migrationNames = (service: string): string[] => testMigrations(service).map((migration) => new migration().name ?? migration.name);

describe('runServiceMigrations (real PostgreSQL)', () => {
  const opened: DataSource[] = [];
  const open = (service: string, poolSize = 4): DataSource => {
    const dataSource = createServiceDataSource({ service, url: TEST_DATABASE_URL, migrations: testMigrations(service), poolSize });
    opened.push(dataSource);
    return dataSource;
  };

  afterEach(async () => {
    await cleanUp(opened.splice(0));
  });

  it('creates the schema, applies the migrations and records them in the schema’s own table', async () => {
    const service = uniqueTestService();
    const dataSource = open(service);

    const applied = await runServiceMigrations(dataSource);

    expect(applied).toEqual(migrationNames(service));
    const recorded = (await dataSource.query(`SELECT name FROM "${service}".migrations ORDER BY id`)) as { name: string }[];
    expect(recorded.map((row) => row.name)).toEqual(applied);
    const tables = (await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [
      service,
    ])) as { table_name: string }[];
    expect(tables.map((row) => row.table_name)).toEqual(['migrations', 'notes', 'outbox', 'processed_messages']);
    const inPublic = (await dataSource.query(`SELECT to_regclass('public.notes') AS oid`)) as { oid: string | null }[];
    expect(inPublic[0]?.oid).toBeNull();
  });

  it('applies nothing on a second run and reports the latest migration', async () => {
    const dataSource = open(uniqueTestService());
    await runServiceMigrations(dataSource);

    await expect(runServiceMigrations(dataSource)).resolves.toEqual([]);
    await expect(latestMigration(dataSource)).resolves.toBe('Notes1700000000001');
  });

  it('reports no latest migration before the first run', async () => {
    const dataSource = open(uniqueTestService());
    await dataSource.initialize();

    await expect(latestMigration(dataSource)).resolves.toBeNull();
  });

  it('lets two instances of a service start at once: each migration runs exactly once', async () => {
    const service = uniqueTestService();
    const first = open(service);
    const second = open(service);

    const [appliedByFirst, appliedBySecond] = await Promise.all([runServiceMigrations(first), runServiceMigrations(second)]);

    expect([...appliedByFirst, ...appliedBySecond].sort()).toEqual(migrationNames(service).sort());
    const recorded = (await first.query(`SELECT count(*)::int AS count FROM "${service}".migrations`)) as { count: number }[];
    expect(recorded[0]?.count).toBe(2);
  });

  it('works with a pool of a single connection', async () => {
    const dataSource = open(uniqueTestService(), 1);

    await expect(runServiceMigrations(dataSource)).resolves.toHaveLength(2);
    await dataSource.query(`INSERT INTO ${notesTable(dataSource)} (id, body) VALUES ('a', 'b')`);
  });
});
