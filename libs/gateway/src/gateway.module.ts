import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { GatewayProbesController } from './health/gateway-probes.controller.js';
import { SystemHealthChecker } from './health/system-health.checker.js';
import { SYSTEM_HEALTH_OPTIONS, type SystemHealthOptions } from './health/system-health.options.js';
import { SystemHealthController } from './health/system-health.controller.js';

export interface GatewayModuleOptions {
  /** The gateway's version, reported by `/api/v1/health`. */
  version: string;
  /** How long each back-end service gets to answer its readiness query (default 1500 ms). */
  healthTimeoutMs?: number;
  /** The module providing `MessageBus`, unless that module is global. */
  imports?: ModuleMetadata['imports'];
}

/**
 * The gateway's own routes: `/api/v1/health` (every back-end service over the bus) and the
 * `/health/live`, `/health/ready` probes. The HTTP shell itself is set up by configureGatewayHttp.
 */
@Module({})
export class GatewayModule {
  static forRoot({ version, healthTimeoutMs, imports = [] }: GatewayModuleOptions): DynamicModule {
    const healthOptions: SystemHealthOptions = { version, readinessTimeoutMs: healthTimeoutMs };
    return {
      module: GatewayModule,
      imports,
      controllers: [SystemHealthController, GatewayProbesController],
      providers: [{ provide: SYSTEM_HEALTH_OPTIONS, useValue: healthOptions }, SystemHealthChecker],
    };
  }
}
