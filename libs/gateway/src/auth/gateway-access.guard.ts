import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitPolicyName } from '../rate-limit/rate-limit-policies.js';
import { enforceRateLimit, RateLimiter, type RateLimitState } from '../rate-limit/rate-limiter.js';
import type { Authentication } from './authentication.js';
import './authenticated-request.js';
import { CredentialsAuthenticator } from './credentials-authenticator.js';
import { assertAccessAllowed, readRouteAccessPolicy, type RouteAccessPolicy } from './route-access-policy.js';

type MaybePromise<T> = T | Promise<T>;

function then<T, R>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/**
 * The gateway's one global guard: per-IP limits where a route declares them, then (unless the route
 * is public) authentication, the per-principal limit, and the route's roles and scopes. One guard
 * instead of several, and synchronous whenever nothing has to wait (a JWT with in-memory counters),
 * because every step of Nest's guard pipeline costs throughput here (research/ceilings.md).
 */
@Injectable()
export class GatewayAccessGuard implements CanActivate {
  /** Per controller class, then per handler (a handler may be inherited by several controllers). */
  private readonly policies = new WeakMap<object, WeakMap<object, RouteAccessPolicy>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: CredentialsAuthenticator,
    private readonly limiter: RateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const policy = this.policyOf(context, request);
    if (policy.ipRateLimit === undefined) return this.authenticate(policy, request, reply);
    return then(this.limiter.consume(policy.ipRateLimit, request.ip), (state) => {
      enforceRateLimit(reply, state);
      return this.authenticate(policy, request, reply);
    });
  }

  private authenticate(policy: RouteAccessPolicy, request: FastifyRequest, reply: FastifyReply): MaybePromise<boolean> {
    if (policy.isPublic) return true;
    const authentication = this.authenticator.authenticateHeaders(request.headers.authorization, request.headers['x-api-key']);
    return then(authentication, (resolved) => this.admit(policy, request, reply, resolved));
  }

  private admit(
    policy: RouteAccessPolicy,
    request: FastifyRequest,
    reply: FastifyReply,
    authentication: Authentication,
  ): MaybePromise<boolean> {
    const { principal } = authentication;
    request.user = principal;
    request.authentication = authentication;
    const subject = principal.keyId === undefined ? `user:${principal.userId}` : `key:${principal.keyId}`;
    return then(this.limiter.consume(RateLimitPolicyName.principal, subject), (state: RateLimitState | undefined) => {
      enforceRateLimit(reply, state);
      assertAccessAllowed(policy, principal);
      return true;
    });
  }

  private policyOf(context: ExecutionContext, request: FastifyRequest): RouteAccessPolicy {
    const controller = context.getClass();
    let byHandler = this.policies.get(controller);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.policies.set(controller, byHandler);
    }
    const handler = context.getHandler();
    let policy = byHandler.get(handler);
    if (!policy) {
      policy = readRouteAccessPolicy(this.reflector, context, request.routeOptions.url);
      byHandler.set(handler, policy);
    }
    return policy;
  }
}
