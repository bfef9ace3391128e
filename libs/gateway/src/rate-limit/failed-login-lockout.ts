import type { FastifyReply } from 'fastify';
import { RateLimitPolicyName } from './rate-limit-policies.js';
import { rateLimitedError, type RateLimiter } from './rate-limiter.js';

/**
 * Brute-force protection for `/auth/login`: an IP address with too many failed logins in the
 * window gets 429 RATE_LIMITED for every login, right or wrong, until the window ends.
 */
export class FailedLoginLockout {
  constructor(private readonly limiter: RateLimiter) {}

  async assertNotLockedOut(ip: string, reply: FastifyReply): Promise<void> {
    const state = await this.limiter.check(RateLimitPolicyName.failedLogin, ip);
    if (state?.exceeded) throw rateLimitedError(reply, state);
  }

  async recordFailure(ip: string): Promise<void> {
    await this.limiter.consume(RateLimitPolicyName.failedLogin, ip);
  }
}
