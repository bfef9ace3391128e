import { SetMetadata } from '@nestjs/common';

/** Metadata key the gateway's authentication guard reads to let a route through without credentials. */
export const PUBLIC_ROUTE_KEY = 'voxify:public-route';

/** Marks a handler or controller as reachable without authentication (health, login, docs). */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE_KEY, true);
