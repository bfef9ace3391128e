import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ApiKeyScope, AuthPrincipal, Role } from '#contracts';
import { UNPREFIXED_ROUTES } from '../http/configure-gateway-http.js';
import { IP_RATE_LIMIT_KEY } from '../rate-limit/rate-limit-per-ip.decorator.js';
import type { RateLimitPolicyName } from '../rate-limit/rate-limit-policies.js';
import { PUBLIC_ROUTE_KEY } from '../routing/public-route.decorator.js';
import { REQUIRED_ROLES_KEY, REQUIRED_SCOPES_KEY } from './access-policy.decorators.js';
import { AuthErrors } from './auth-errors.js';

/** What a route asks of its callers, read once from its decorators. */
export interface RouteAccessPolicy {
  isPublic: boolean;
  roles: readonly Role[];
  scopes: readonly ApiKeyScope[];
  ipRateLimit?: RateLimitPolicyName;
}

// Probes and Prometheus call these at fixed paths outside the API; they carry no credentials.
const OPS_ROUTE_URLS = new Set(UNPREFIXED_ROUTES.map((route) => `/${route}`));

export function readRouteAccessPolicy(reflector: Reflector, context: ExecutionContext, routeUrl: string | undefined): RouteAccessPolicy {
  const targets = [context.getHandler(), context.getClass()];
  const isPublic = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE_KEY, targets) === true;
  return {
    isPublic: isPublic || (routeUrl !== undefined && OPS_ROUTE_URLS.has(routeUrl)),
    roles: reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES_KEY, targets) ?? [],
    scopes: reflector.getAllAndMerge<ApiKeyScope[]>(REQUIRED_SCOPES_KEY, targets) ?? [],
    ipRateLimit: reflector.get<RateLimitPolicyName | undefined>(IP_RATE_LIMIT_KEY, context.getHandler()),
  };
}

/** Throws 403 PERMISSION_DENIED unless the principal has one of the roles and every scope. */
export function assertAccessAllowed(policy: RouteAccessPolicy, principal: AuthPrincipal): void {
  if (policy.roles.length > 0 && !policy.roles.some((role) => principal.roles.includes(role))) {
    throw AuthErrors.permissionDenied(`This route needs the role ${policy.roles.join(' or ')}`);
  }
  const missing = policy.scopes.filter((scope) => !principal.scopes.includes(scope));
  if (missing.length > 0) throw AuthErrors.permissionDenied(`These credentials lack the scope ${missing.join(', ')}`);
}
