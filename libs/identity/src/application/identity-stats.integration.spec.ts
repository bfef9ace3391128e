import { serviceStatsQuery } from '#contracts';
import { startIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { login, register } from '../testing/identity-fixtures.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('identity statistics (real PostgreSQL and the in-process bus)', () => {
  let app: IdentityTestApp;

  beforeAll(async () => {
    app = await startIdentityTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const stats = () => app.caller.query(serviceStatsQuery('identity'), {});

  it('counts nothing in an empty schema', async () => {
    expect(await stats()).toEqual({ users: { total: 0, active_today: 0, new_this_week: 0 } });
  });

  it('counts every account, those logged in since midnight UTC and those registered in the last 7 days', async () => {
    const early = await register(app);
    const loggedIn = await register(app);
    await register(app);
    await login(app, loggedIn.email);
    await login(app, loggedIn.email);
    expect(await stats()).toEqual({ users: { total: 3, active_today: 1, new_this_week: 3 } });

    // Eight days on: nobody is new any more and the logins were on another day.
    app.clock.advance(8 * DAY_MS);
    await register(app);
    await login(app, early.email);
    expect(await stats()).toEqual({ users: { total: 4, active_today: 1, new_this_week: 1 } });
  });
});
