import { SetMetadata } from '@nestjs/common';
import type { RateLimitPolicyName } from './rate-limit-policies.js';

export const IP_RATE_LIMIT_KEY = 'voxify:ip-rate-limit';

/** Limits a route per client IP address under the named policy (used on the public auth routes). */
export const RateLimitPerIp = (policy: RateLimitPolicyName): MethodDecorator => SetMetadata(IP_RATE_LIMIT_KEY, policy);
