import { AdminErrorCode, DEFAULT_PLATFORM_CONFIG, ErrorCode, type ApplicationError } from '#contracts';
import { PlatformConfiguration } from './platform-configuration.js';

const NOW = new Date('2026-12-01T10:00:00.000Z');

function failureOf(change: () => void): ApplicationError {
  try {
    change();
  } catch (error) {
    return error as ApplicationError;
  }
  throw new Error('Expected the change to be refused');
}

describe('PlatformConfiguration', () => {
  it('starts as version 0 with the defaults and nobody as its author', () => {
    expect(PlatformConfiguration.unset().toView()).toEqual({ version: 0, ...DEFAULT_PLATFORM_CONFIG, updated_at: null, updated_by: null });
  });

  it('applies a partial change as the next version, merging nested groups key by key, and raises one event', () => {
    const configuration = PlatformConfiguration.unset();
    configuration.change({
      changes: { max_synthesis_length: 1000, rate_limits: { requests_per_minute: 5 } },
      actorId: 'usr_admin',
      now: NOW,
    });

    const view = configuration.toView();
    expect(view).toMatchObject({
      version: 1,
      max_synthesis_length: 1000,
      max_voice_samples_per_user: DEFAULT_PLATFORM_CONFIG.max_voice_samples_per_user,
      rate_limits: { ...DEFAULT_PLATFORM_CONFIG.rate_limits, requests_per_minute: 5 },
      daily_quotas: DEFAULT_PLATFORM_CONFIG.daily_quotas,
      updated_at: NOW.toISOString(),
      updated_by: 'usr_admin',
    });
    expect(configuration.pullEvents()).toEqual([{ name: 'PlatformConfigChanged', config: view, occurredAt: NOW }]);
  });

  it('refuses a change made against another version than the current one', () => {
    const configuration = PlatformConfiguration.restore({ ...PlatformConfiguration.unset().toView(), version: 3 });
    const error = failureOf(() =>
      configuration.change({ changes: { file_expiry_hours: 2 }, actorId: 'usr_a', expectedVersion: 2, now: NOW }),
    );
    expect(error.code).toBe(AdminErrorCode.CONFIG_VERSION_CONFLICT);
    expect(configuration.version).toBe(3);
    expect(configuration.pullEvents()).toEqual([]);

    configuration.change({ changes: { file_expiry_hours: 2 }, actorId: 'usr_a', expectedVersion: 3, now: NOW });
    expect(configuration.version).toBe(4);
  });

  it('names every invalid field at once: out of bounds, not whole, unsupported sample rate, unknown, wrong shape', () => {
    const error = failureOf(() =>
      PlatformConfiguration.unset().change({
        changes: {
          max_voice_samples_per_user: 0,
          max_synthesis_length: 12.5,
          default_sample_rate: 22000,
          file_expiry_hours: '24',
          rate_limits: { requests_per_minute: 10_000_000, burst: 3 },
          daily_quotas: 7,
          colour: 'blue',
        },
        actorId: 'usr_a',
        now: NOW,
      }),
    );
    expect(error.code).toBe(ErrorCode.VALIDATION_ERROR);
    const details = error.details as Array<{ field: string; messages: string[] }>;
    expect(Object.fromEntries(details.map((detail) => [detail.field, detail.messages[0]]))).toEqual({
      max_voice_samples_per_user: 'must be a whole number from 1 to 1000',
      max_synthesis_length: 'must be a whole number from 1 to 100000',
      default_sample_rate: 'must be one of: 8000, 16000, 22050, 24000, 44100, 48000',
      file_expiry_hours: 'must be a whole number from 1 to 8760',
      'rate_limits.requests_per_minute': 'must be a whole number from 1 to 1000000',
      'rate_limits.burst': 'is not a setting',
      daily_quotas: 'must be an object',
      colour: 'is not a setting',
    });
  });

  it('refuses a change that names no setting, and an expected version that is not a whole number', () => {
    expect(
      failureOf(() => PlatformConfiguration.unset().change({ changes: { rate_limits: {} }, actorId: 'usr_a', now: NOW })).details,
    ).toEqual([{ field: 'changes', messages: ['must name at least one setting'] }]);
    expect(failureOf(() => PlatformConfiguration.unset().change({ changes: null, actorId: 'usr_a', now: NOW })).code).toBe(
      ErrorCode.VALIDATION_ERROR,
    );
    const badVersion = failureOf(() =>
      PlatformConfiguration.unset().change({ changes: { file_expiry_hours: 2 }, actorId: 'usr_a', expectedVersion: -1, now: NOW }),
    );
    expect(badVersion.details).toEqual([{ field: 'expected_version', messages: ['must be a whole number of at least 0'] }]);
  });

  it('accepts every supported sample rate and the bounds themselves', () => {
    for (const rate of [8000, 16000, 22050, 24000, 44100, 48000]) {
      const configuration = PlatformConfiguration.unset();
      configuration.change({
        changes: { default_sample_rate: rate, file_expiry_hours: 8760, max_voice_samples_per_user: 1 },
        actorId: 'u',
        now: NOW,
      });
      expect(configuration.toView().default_sample_rate).toBe(rate);
    }
  });

  it('hands out copies: changing a view does not change the configuration', () => {
    const configuration = PlatformConfiguration.unset();
    configuration.toView().rate_limits.requests_per_minute = 1;
    expect(configuration.toView().rate_limits.requests_per_minute).toBe(DEFAULT_PLATFORM_CONFIG.rate_limits.requests_per_minute);
  });
});
