import {
  AdminErrorCode,
  DEFAULT_PLATFORM_CONFIG,
  ErrorCode,
  GetPlatformConfigQuery,
  PlatformConfigChangedEvent,
  UpdatePlatformConfigCommand,
  type PlatformConfig,
  type PlatformConfigChanges,
  type UserView,
} from '#contracts';
import { waitFor } from '#test-support';
import { PlatformConfigRepository } from './ports/platform-config.repository.js';
import { startIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { errorCodeOf, login, register, uniqueEmail } from '../testing/identity-fixtures.js';

const ADMIN = { email: uniqueEmail('root'), password: 'Admin-password-1' };

describe('platform config (identity handlers on real PostgreSQL and the in-process bus)', () => {
  let app: IdentityTestApp;
  let admin: UserView;

  beforeAll(async () => {
    app = await startIdentityTestApp({ admin: ADMIN });
    admin = (await login(app, ADMIN.email, ADMIN.password)).user;
  });

  afterAll(async () => {
    await app.close();
  });

  const update = (changes: unknown, options: { actor_id?: string; expected_version?: number } = {}) =>
    app.caller.send(UpdatePlatformConfigCommand, { actor_id: admin.user_id, changes: changes as PlatformConfigChanges, ...options });
  const current = () => app.caller.query(GetPlatformConfigQuery, {});
  const history = () => app.moduleRef.get(PlatformConfigRepository).history();

  it('answers the defaults as version 0 before any change', async () => {
    expect(await current()).toEqual({ version: 0, ...DEFAULT_PLATFORM_CONFIG, updated_at: null, updated_by: null });
    expect(await history()).toEqual([]);
  });

  it('refuses a user who is not an admin, and changes nothing', async () => {
    const user = await register(app);
    expect(await errorCodeOf(update({ file_expiry_hours: 1 }, { actor_id: user.user_id }))).toBe(ErrorCode.PERMISSION_DENIED);
    expect(await errorCodeOf(update({ file_expiry_hours: 1 }, { actor_id: 'usr_nobody' }))).toBe(ErrorCode.PERMISSION_DENIED);
    expect((await current()).version).toBe(0);
  });

  it('refuses invalid settings with one detail per field, and changes nothing', async () => {
    let failure: { code?: string; details?: unknown } = {};
    try {
      await update({ default_sample_rate: 12345, rate_limits: { requests_per_minute: 0 }, unknown_setting: 1 });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.code).toBe(ErrorCode.VALIDATION_ERROR);
    expect(failure.details).toEqual([
      { field: 'default_sample_rate', messages: ['must be one of: 8000, 16000, 22050, 24000, 44100, 48000'] },
      { field: 'rate_limits.requests_per_minute', messages: ['must be a whole number from 1 to 1000000'] },
      { field: 'unknown_setting', messages: ['is not a setting'] },
    ]);
    expect((await current()).version).toBe(0);
  });

  let first: PlatformConfig;
  let second: PlatformConfig;

  it('stores a change as version 1, then the next as version 2, keeping every version in the history', async () => {
    const before = Date.now();
    first = await update({ max_synthesis_length: 1000, rate_limits: { requests_per_minute: 30 } }, { expected_version: 0 });
    expect(first).toMatchObject({
      version: 1,
      max_synthesis_length: 1000,
      rate_limits: { ...DEFAULT_PLATFORM_CONFIG.rate_limits, requests_per_minute: 30 },
      updated_by: admin.user_id,
    });
    expect(Date.parse(first.updated_at!)).toBeGreaterThanOrEqual(before - 1000);
    expect(await current()).toEqual(first);

    second = await update({ default_sample_rate: 48000, daily_quotas: { uploads: 5 } });
    expect(second).toMatchObject({
      version: 2,
      max_synthesis_length: 1000,
      default_sample_rate: 48000,
      rate_limits: first.rate_limits,
      daily_quotas: { ...DEFAULT_PLATFORM_CONFIG.daily_quotas, uploads: 5 },
    });
    expect(await current()).toEqual(second);
    expect(await history()).toEqual([second, first]);
  });

  it('publishes each version as identity.platform-config.changed through the outbox', async () => {
    const published = await waitFor('both change events', async () => {
      const events = app.eventsOf(PlatformConfigChangedEvent);
      return events.length >= 2 ? events : undefined;
    });
    expect(published.map((event) => event.config)).toEqual([first, second]);
  });

  it('answers CONFIG_VERSION_CONFLICT to a change made against a version that is no longer current', async () => {
    expect(await errorCodeOf(update({ file_expiry_hours: 48 }, { expected_version: 1 }))).toBe(AdminErrorCode.CONFIG_VERSION_CONFLICT);
    expect((await current()).version).toBe(2);
  });

  it('decides concurrent changes one after the other: each gets its own version, none is lost', async () => {
    const results = await Promise.all([update({ file_expiry_hours: 10 }), update({ max_voice_samples_per_user: 3 })]);
    expect(results.map((result) => result.version).sort()).toEqual([3, 4]);
    const latest = await current();
    expect(latest).toMatchObject({ version: 4, file_expiry_hours: 10, max_voice_samples_per_user: 3 });
  });

  it('lets exactly one of two changes against the same expected version win', async () => {
    const outcomes = await Promise.allSettled([
      update({ file_expiry_hours: 11 }, { expected_version: 4 }),
      update({ file_expiry_hours: 12 }, { expected_version: 4 }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as { code: string }).code).toBe(AdminErrorCode.CONFIG_VERSION_CONFLICT);
    expect((await current()).version).toBe(5);
  });
});
