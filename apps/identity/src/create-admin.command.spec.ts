import { LoginCommand } from '#contracts';
import { createTestDatabase } from '#test-support';
import { startIdentityTestApp } from '../../../libs/identity/src/testing/identity-test-app.js';
import { createAdminCommand, EXIT_CONFIG, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './create-admin.command.js';

function capture() {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

async function run(argv: string[], environment: NodeJS.ProcessEnv) {
  const out = capture();
  const err = capture();
  const status = await createAdminCommand(argv, environment, out, err);
  return { status, out: out.text(), err: err.text() };
}

describe('create-admin CLI', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase('identity_cli_test');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('creates the admin on a fresh database (migrating it), then reports it unchanged', async () => {
    const environment = { DATABASE_URL: database.url };

    const first = await run(['--email', 'Root@Example.com', '--password', 'Admin-password-1'], environment);
    const second = await run(['--email', 'root@example.com'], { ...environment, ADMIN_PASSWORD: 'Other-password-2' });

    expect(first).toMatchObject({ status: EXIT_OK, out: expect.stringMatching(/^created admin root@example.com \(usr_[0-9a-z]+\)\n$/) });
    expect(second).toMatchObject({ status: EXIT_OK, out: expect.stringMatching(/^already an admin: root@example.com/) });

    const app = await startIdentityTestApp({}, database.url);
    try {
      const session = await app.caller.send(LoginCommand, { email: 'root@example.com', password: 'Admin-password-1' });
      expect(session.user.roles).toEqual(['user', 'admin']);
    } finally {
      await app.close();
    }
  });

  it('explains its usage, a missing database and a weak password', async () => {
    expect(await run(['--email', 'a@example.com'], { DATABASE_URL: database.url })).toMatchObject({ status: EXIT_USAGE });
    expect(await run(['--bogus'], {})).toMatchObject({ status: EXIT_USAGE });
    expect(await run(['--email', 'a@example.com', '--password', 'Admin-password-1'], {})).toMatchObject({
      status: EXIT_CONFIG,
      err: expect.stringContaining('DATABASE_URL'),
    });
    const weak = await run(['--email', 'new@example.com', '--password', 'weakweakweak'], { DATABASE_URL: database.url });
    expect(weak).toMatchObject({ status: EXIT_FAILED, err: expect.stringContaining('too weak') });
    expect(weak.err).not.toContain('weakweakweak');
  });
});
