/** At most `limit` requests per `windowMs` for one subject (a principal or an IP address). */
export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

export const RateLimitPolicyName = {
  /** Every authenticated route, per user (JWT) or per API key. */
  principal: 'principal',
  login: 'auth.login',
  register: 'auth.register',
  refresh: 'auth.refresh',
  /** Failed logins per IP address; reaching it locks logins from that address out until the window ends. */
  failedLogin: 'auth.failed-login',
} as const;
export type RateLimitPolicyName = (typeof RateLimitPolicyName)[keyof typeof RateLimitPolicyName];

/**
 * The limits in force, read on every request: the one place to change them while the gateway runs
 * (PlatformConfigRateLimits applies the admin's stored settings here).
 */
export class RateLimitPolicies {
  private readonly policies: Map<RateLimitPolicyName, RateLimitPolicy>;

  constructor(policies: Record<RateLimitPolicyName, RateLimitPolicy>) {
    this.policies = new Map(Object.entries(policies) as Array<[RateLimitPolicyName, RateLimitPolicy]>);
  }

  get(name: RateLimitPolicyName): RateLimitPolicy {
    return this.policies.get(name)!;
  }

  set(name: RateLimitPolicyName, policy: RateLimitPolicy): void {
    this.policies.set(name, { ...policy });
  }
}
