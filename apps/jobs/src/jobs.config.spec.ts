import { ConfigValidationError } from '#service-runtime';
import { loadJobsConfig } from './jobs.config.js';

describe('loadJobsConfig', () => {
  it('applies the defaults: 30 s heartbeat timeout, 3 attempts, a watchdog pass every 5 s', () => {
    expect(loadJobsConfig({})).toEqual({ heartbeatTimeoutMs: 30_000, maxAttempts: 3, watchdogIntervalMs: 5_000 });
  });

  it('reads the variables', () => {
    expect(loadJobsConfig({ JOB_HEARTBEAT_TIMEOUT_MS: '1500', JOB_MAX_ATTEMPTS: '5', JOB_WATCHDOG_INTERVAL_MS: '250' })).toEqual({
      heartbeatTimeoutMs: 1500,
      maxAttempts: 5,
      watchdogIntervalMs: 250,
    });
  });

  it('refuses zero or non-numbers, naming each variable', () => {
    let message = '';
    try {
      loadJobsConfig({ JOB_HEARTBEAT_TIMEOUT_MS: 'soon', JOB_MAX_ATTEMPTS: '0' });
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      message = error.message;
    }
    expect(message).toContain('JOB_HEARTBEAT_TIMEOUT_MS');
    expect(message).toContain('JOB_MAX_ATTEMPTS');
  });
});
