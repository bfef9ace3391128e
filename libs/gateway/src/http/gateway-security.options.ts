import type { HelmetOptions } from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type FastifyCorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

/**
 * Helmet's defaults, with a CSP that Swagger UI can live with: its page carries inline `<style>`
 * blocks and data: images; its scripts are served from `/docs` itself.
 */
export const GATEWAY_HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'https://validator.swagger.io'],
      // The gateway is also run over plain HTTP (dev, behind a TLS-terminating proxy).
      upgradeInsecureRequests: null,
    },
  },
};

export function gatewayCorsOptions(origins: string[] | '*'): FastifyCorsOptions {
  return {
    // A wildcard cannot be combined with credentials, so credentials are allowed only for listed origins.
    origin: origins === '*' ? '*' : origins,
    credentials: origins !== '*',
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'X-Request-Id', 'traceparent'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  };
}
