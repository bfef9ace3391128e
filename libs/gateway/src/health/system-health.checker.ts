import { Inject, Injectable } from '@nestjs/common';
import { ApplicationError, BACKEND_SERVICES, serviceReadinessQuery, type BackendServiceName } from '#contracts';
import { BrokerUnavailableError, BusTimeoutError, MessageBus, ServiceUnavailableError } from '#messaging';
import type { ServiceHealthDto, SystemHealthReportDto } from './system-health-report.dto.js';
import { DEFAULT_READINESS_TIMEOUT_MS, SYSTEM_HEALTH_OPTIONS, type SystemHealthOptions } from './system-health.options.js';

/** Asks every back-end service, in parallel over the bus, whether it is ready. */
@Injectable()
export class SystemHealthChecker {
  private readonly timeoutMs: number;

  constructor(
    private readonly bus: MessageBus,
    @Inject(SYSTEM_HEALTH_OPTIONS) private readonly options: SystemHealthOptions,
  ) {
    this.timeoutMs = options.readinessTimeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS;
  }

  async check(): Promise<SystemHealthReportDto> {
    const results = await Promise.all(BACKEND_SERVICES.map((service) => this.checkService(service)));
    const services = Object.fromEntries(BACKEND_SERVICES.map((service, i) => [service, results[i]])) as Record<
      BackendServiceName,
      ServiceHealthDto
    >;
    return {
      status: results.every((result) => result.status === 'ready') ? 'healthy' : 'degraded',
      services,
      version: this.options.version,
      uptime_seconds: Math.floor(process.uptime()),
    };
  }

  private async checkService(service: BackendServiceName): Promise<ServiceHealthDto> {
    const startedAt = performance.now();
    const latency = (): number => Math.round(performance.now() - startedAt);
    try {
      const readiness = await this.bus.query(serviceReadinessQuery(service), {}, { timeoutMs: this.timeoutMs });
      const answered = {
        checks: readiness.checks,
        schema_version: readiness.schemaVersion,
        instance_id: readiness.instanceId,
        uptime_seconds: readiness.uptimeSeconds,
        latency_ms: latency(),
      };
      if (readiness.ready) return { status: 'ready', ...answered };
      const down = Object.keys(readiness.checks).filter((name) => readiness.checks[name] === 'down');
      return { status: 'not_ready', ...answered, error: down.length ? `Down: ${down.join(', ')}` : 'The service reports it is not ready' };
    } catch (error) {
      return { ...describeFailure(error, this.timeoutMs), latency_ms: latency() };
    }
  }
}

function describeFailure(error: unknown, timeoutMs: number): Pick<ServiceHealthDto, 'status' | 'error'> {
  if (error instanceof BusTimeoutError) return { status: 'timeout', error: `No answer within ${timeoutMs} ms` };
  if (error instanceof ServiceUnavailableError) return { status: 'unavailable', error: 'No instance is consuming its queue' };
  if (error instanceof BrokerUnavailableError) return { status: 'unavailable', error: 'The message broker is not reachable' };
  if (error instanceof ApplicationError) return { status: 'unavailable', error: `${error.code}: ${error.message}` };
  return { status: 'unavailable', error: 'The readiness query failed' };
}
