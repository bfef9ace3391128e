import { parseArgs } from 'node:util';
import { createServiceDataSource, resolveDatabaseUrl, runServiceMigrations } from '#persistence';
import { identityEntities, identityMigrations, ensureAdminAccount, type EnsureAdminResult } from '#identity';
import { createLogger } from '#service-runtime';

export const EXIT_OK = 0;
export const EXIT_USAGE = 64;
export const EXIT_CONFIG = 78;
export const EXIT_FAILED = 1;

const USAGE = `Usage: node dist/apps/identity/src/create-admin.js --email <email> [--password <password>]
  Creates an admin account, or makes the existing account with this email an admin (its password is kept).
  The password may come from ADMIN_PASSWORD instead of the command line (kept out of shell history).
  Reads DATABASE_URL_IDENTITY or DATABASE_URL.`;

const OUTCOME_TEXT: Record<EnsureAdminResult['outcome'], string> = {
  created: 'created admin',
  promoted: 'granted the admin role to',
  unchanged: 'already an admin:',
};

export interface CommandOutput {
  write(text: string): unknown;
}

/** The create-admin CLI, minus process handling: returns the exit status. */
export async function createAdminCommand(
  argv: string[],
  environment: NodeJS.ProcessEnv,
  out: CommandOutput,
  err: CommandOutput,
): Promise<number> {
  let values: { email?: string; password?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    err.write(`${(error as Error).message}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (values.help) {
    out.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const email = values.email ?? environment.ADMIN_EMAIL;
  const password = values.password ?? environment.ADMIN_PASSWORD;
  if (!email || !password) {
    err.write(`Give --email and --password (or ADMIN_EMAIL and ADMIN_PASSWORD).\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const url = resolveDatabaseUrl('identity', environment);
  if (!url) {
    err.write('Set DATABASE_URL (or DATABASE_URL_IDENTITY) to the identity database.\n');
    return EXIT_CONFIG;
  }

  const logger = createLogger('identity-create-admin', 'warn');
  const dataSource = createServiceDataSource({
    service: 'identity',
    url,
    migrations: identityMigrations,
    entities: identityEntities,
    poolSize: 2,
  });
  try {
    await runServiceMigrations(dataSource);
    const result = await ensureAdminAccount(dataSource, { email, password }, logger);
    out.write(`${OUTCOME_TEXT[result.outcome]} ${email.trim().toLowerCase()} (${result.userId})\n`);
    return EXIT_OK;
  } catch (error) {
    err.write(`create-admin failed: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
