import type { FastifyReply } from 'fastify';
import { ApplicationError, ErrorCode } from '#contracts';
import type { RateLimitPolicies, RateLimitPolicyName } from './rate-limit-policies.js';
import type { RateLimitStore, RateLimitWindow } from './rate-limit.store.js';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** End of the current window, ms since the epoch. */
  resetAt: number;
  exceeded: boolean;
}

/** Store failures are reported here; the request is then let through (limits fail open). */
export type RateLimitErrorSink = (error: unknown, policy: RateLimitPolicyName) => void;

/** Counts requests against the configured policies, in whichever store the gateway was given. */
export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly policies: RateLimitPolicies,
    private readonly onStoreError: RateLimitErrorSink = () => undefined,
  ) {}

  /** Counts one request of `subject` under the policy. */
  consume(policyName: RateLimitPolicyName, subject: string): RateLimitState | undefined | Promise<RateLimitState | undefined> {
    const policy = this.policies.get(policyName);
    let window: RateLimitWindow | Promise<RateLimitWindow>;
    try {
      window = this.store.hit(`${policyName}:${subject}`, policy.windowMs);
    } catch (error) {
      this.onStoreError(error, policyName);
      return undefined;
    }
    if (!(window instanceof Promise)) return stateOf(policy.limit, window, window.count > policy.limit);
    return window.then(
      (counted) => stateOf(policy.limit, counted, counted.count > policy.limit),
      (error: unknown) => {
        this.onStoreError(error, policyName);
        return undefined;
      },
    );
  }

  /** Whether `subject` has already used up the policy, without counting a request. */
  async check(policyName: RateLimitPolicyName, subject: string): Promise<RateLimitState | undefined> {
    const policy = this.policies.get(policyName);
    try {
      const window = await this.store.peek(`${policyName}:${subject}`);
      if (!window) return undefined;
      return stateOf(policy.limit, window, window.count >= policy.limit);
    } catch (error) {
      this.onStoreError(error, policyName);
      return undefined;
    }
  }
}

function stateOf(limit: number, window: RateLimitWindow, exceeded: boolean): RateLimitState {
  return { limit, remaining: Math.max(0, limit - window.count), resetAt: window.resetAt, exceeded };
}

/**
 * Sets `X-RateLimit-Limit/Remaining/Reset` (Reset in seconds since the epoch) and, over the limit,
 * `Retry-After` (seconds) before throwing 429 RATE_LIMITED with the reset time in its details.
 */
export function enforceRateLimit(reply: FastifyReply, state: RateLimitState | undefined, now = Date.now()): void {
  if (!state) return;
  const resetSeconds = Math.ceil(state.resetAt / 1000);
  reply.header('x-ratelimit-limit', state.limit);
  reply.header('x-ratelimit-remaining', state.remaining);
  reply.header('x-ratelimit-reset', resetSeconds);
  if (!state.exceeded) return;
  throw rateLimitedError(reply, state, now);
}

export function rateLimitedError(reply: FastifyReply, state: RateLimitState, now = Date.now()): ApplicationError {
  const retryAfterSeconds = Math.max(1, Math.ceil((state.resetAt - now) / 1000));
  reply.header('retry-after', retryAfterSeconds);
  return new ApplicationError(ErrorCode.RATE_LIMITED, `Too many requests; try again in ${retryAfterSeconds} s`, {
    limit: state.limit,
    reset_at: new Date(state.resetAt).toISOString(),
    retry_after_seconds: retryAfterSeconds,
  });
}
