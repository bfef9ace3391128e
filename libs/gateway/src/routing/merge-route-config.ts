import 'reflect-metadata';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';

/**
 * Adds keys to the Fastify route config of a handler (what `@RouteConfig()` sets), keeping keys set
 * by other decorators of ours. Hooks read them back as `request.routeOptions.config`, which costs
 * nothing per request. A plain `@RouteConfig()` replaces the whole object, so it must sit below
 * (be applied before) these decorators.
 */
export function mergeRouteConfig(patch: Record<string, unknown>): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const existing = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...existing, ...patch }, handler);
    return descriptor;
  };
}
