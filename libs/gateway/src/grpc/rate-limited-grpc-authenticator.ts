import { ApplicationError, ErrorCode } from '#contracts';
import type { Authentication } from '../auth/authentication.js';
import type { CredentialsAuthenticator } from '../auth/credentials-authenticator.js';
import { RateLimitPolicyName } from '../rate-limit/rate-limit-policies.js';
import type { RateLimiter, RateLimitState } from '../rate-limit/rate-limiter.js';

/**
 * The authenticator the gRPC services use: it also counts the call against the caller's per-user (or
 * per-API-key) limit, the same counter HTTP requests use, so both protocols share one budget. Over
 * the limit the call fails with RATE_LIMITED (RESOURCE_EXHAUSTED) and `retry_after_seconds`.
 *
 * It is the CredentialsAuthenticator itself with `authenticateHeaders` overridden (a prototype
 * delegate), so every gRPC wrapper that takes an authenticator is rate-limited without knowing it.
 */
export function rateLimitedGrpcAuthenticator(
  authenticator: CredentialsAuthenticator,
  limiter: RateLimiter,
  now: () => number = Date.now,
): CredentialsAuthenticator {
  const limited = Object.create(authenticator) as CredentialsAuthenticator;
  limited.authenticateHeaders = async (authorization: unknown, apiKey: unknown): Promise<Authentication> => {
    const authentication = await authenticator.authenticateHeaders(authorization, apiKey);
    const { principal } = authentication;
    const subject = principal.keyId === undefined ? `user:${principal.userId}` : `key:${principal.keyId}`;
    const state = await limiter.consume(RateLimitPolicyName.principal, subject);
    if (state?.exceeded) throw rateLimitedCall(state, now());
    return authentication;
  };
  return limited;
}

function rateLimitedCall(state: RateLimitState, now: number): ApplicationError {
  const retryAfterSeconds = Math.max(1, Math.ceil((state.resetAt - now) / 1000));
  return new ApplicationError(ErrorCode.RATE_LIMITED, `Too many requests; try again in ${retryAfterSeconds} s`, {
    limit: state.limit,
    reset_at: new Date(state.resetAt).toISOString(),
    retry_after_seconds: retryAfterSeconds,
  });
}
