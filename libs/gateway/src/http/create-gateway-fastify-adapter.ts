import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';

export interface GatewayFastifyAdapterOptions {
  /** Largest request body accepted; larger ones answer 413 PAYLOAD_TOO_LARGE. */
  bodyLimitBytes: number;
  /** Fastify's `trustProxy`: true, or the proxy addresses/CIDRs to trust (then `request.ip` is the client's). */
  trustProxy: NonNullable<FastifyServerOptions['trustProxy']>;
}

/** Fastify reads its body limit only at construction, so the gateway builds its own adapter. */
export function createGatewayFastifyAdapter(options: GatewayFastifyAdapterOptions): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit: options.bodyLimitBytes, trustProxy: options.trustProxy });
}
