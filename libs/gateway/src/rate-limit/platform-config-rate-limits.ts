import { Inject, Injectable, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { PlatformConfig } from '#contracts';
import { PlatformConfigProvider } from '#service-runtime';
import { RateLimitPolicies, RateLimitPolicyName } from './rate-limit-policies.js';

/**
 * Sets the limits of `RateLimitPolicies` from the admin's stored settings, now and on every change.
 * Precedence: the environment variables (RATE_LIMIT_PER_MINUTE, AUTH_RATE_LIMIT, FAILED_LOGIN_LIMIT)
 * hold until an admin stores settings (version ≥ 1); from then on the stored settings win. Windows
 * stay as configured: the settings give counts per window.
 */
export function applyPlatformRateLimits(policies: RateLimitPolicies, config: Readonly<PlatformConfig>): boolean {
  if (config.version === 0) return false;
  const { requests_per_minute, auth_requests_per_window, failed_logins_per_window } = config.rate_limits;
  const setLimit = (name: RateLimitPolicyName, limit: number): void => policies.set(name, { ...policies.get(name), limit });
  setLimit(RateLimitPolicyName.principal, requests_per_minute);
  for (const name of [RateLimitPolicyName.login, RateLimitPolicyName.register, RateLimitPolicyName.refresh]) {
    setLimit(name, auth_requests_per_window);
  }
  setLimit(RateLimitPolicyName.failedLogin, failed_logins_per_window);
  return true;
}

/** Keeps this replica's rate limits in step with the platform settings, when the app provides them. */
@Injectable()
export class PlatformConfigRateLimits implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly policies: RateLimitPolicies,
    @Optional() @Inject(PlatformConfigProvider) private readonly platformConfig: PlatformConfigProvider | null,
  ) {}

  onModuleInit(): void {
    if (!this.platformConfig) return;
    applyPlatformRateLimits(this.policies, this.platformConfig.current());
    this.unsubscribe = this.platformConfig.onChange((config) => applyPlatformRateLimits(this.policies, config));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
