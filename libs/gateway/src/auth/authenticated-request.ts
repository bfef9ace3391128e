import type { AuthPrincipal } from '#contracts';
import type { Authentication } from './authentication.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, set by the gateway's access guard on every route that is not public. */
    user?: AuthPrincipal;
    authentication?: Authentication;
  }
}
