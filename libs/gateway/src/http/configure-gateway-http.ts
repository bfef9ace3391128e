import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerResponseEnvelopeHooks } from '../envelope/response-envelope.hook.js';
import { ApiExceptionFilter } from '../errors/api-exception.filter.js';
import { registerHttpMetricsHook } from '../metrics/http-metrics.hook.js';
import { setupGatewaySwagger } from '../swagger/setup-gateway-swagger.js';
import { createGatewayValidationPipe } from '../validation/create-gateway-validation-pipe.js';
import { GATEWAY_HELMET_OPTIONS, gatewayCorsOptions } from './gateway-security.options.js';
import type { HttpRequestTracer } from './http-request-tracer.js';
import { registerRequestContextHooks } from './request-context.hooks.js';
import { registerSecurityHeadersHook } from './security-headers.hook.js';

export const API_PREFIX = 'api/v1';
/** Operational routes that probes and scrapers call at fixed paths, outside the versioned API. */
export const UNPREFIXED_ROUTES = ['health/live', 'health/ready', 'metrics'];
/**
 * OpenAI-compatible routes at OpenAI's paths (SDKs append them to a `<origin>/v1` base URL). Unlike
 * UNPREFIXED_ROUTES they need credentials like any API route.
 */
export const OPENAI_COMPATIBLE_ROUTES = ['v1/audio/speech'];

export interface GatewayHttpOptions {
  corsOrigins: string[] | '*';
  /** Must equal what the adapter was built with (see createGatewayFastifyAdapter); checked here. */
  bodyLimitBytes: number;
  docsEnabled: boolean;
  /** The gateway's version, shown in the OpenAPI document and the health report. */
  version: string;
  /**
   * Let Nest close the app on SIGTERM/SIGINT (its shutdown hooks then run) and re-raise the signal.
   * Off by default: runUntilSignal (service-runtime) owns the signals and calls `app.close()`, which
   * runs the same hooks; Nest's handler would re-raise the signal mid-drain and, in the embedded
   * mode, end every app in the process.
   */
  shutdownSignals?: boolean;
  /** A server span per request (OpenTelemetry in the service runtime); none by default. */
  tracer?: HttpRequestTracer;
}

/**
 * Everything the public HTTP surface needs; call after `NestFactory.create` and before `listen`/`init`.
 */
export function configureGatewayHttp(app: NestFastifyApplication, options: GatewayHttpOptions): void {
  const fastify = app.getHttpAdapter().getInstance();
  if (fastify.initialConfig.bodyLimit !== options.bodyLimitBytes) {
    throw new Error(
      `The Fastify adapter was built with bodyLimit ${fastify.initialConfig.bodyLimit}, not ${options.bodyLimitBytes}: ` +
        'create it with createGatewayFastifyAdapter({ bodyLimitBytes })',
    );
  }

  registerRequestContextHooks(fastify, options.tracer);
  registerHttpMetricsHook(fastify);
  registerResponseEnvelopeHooks(fastify);
  registerSecurityHeadersHook(fastify, GATEWAY_HELMET_OPTIONS);
  app.enableCors(gatewayCorsOptions(options.corsOrigins));

  app.setGlobalPrefix(API_PREFIX, { exclude: [...UNPREFIXED_ROUTES, ...OPENAI_COMPATIBLE_ROUTES] });
  app.useGlobalPipes(createGatewayValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  if (options.docsEnabled) setupGatewaySwagger(app, options.version);
  if (options.shutdownSignals) app.enableShutdownHooks();
}
