import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { serviceReadinessQuery, type BackendServiceName, type ServiceReadinessResult } from '#contracts';
import { MessageBus } from '#messaging';
import { latestMigration } from '#persistence';
import { AppLifecycle } from './app-lifecycle.js';
import { READINESS_CHECKS } from '../runtime.tokens.js';
import { runReadinessChecks, type ReadinessCheck } from './readiness-check.js';

/**
 * Answers the gateway's `<service>.system.readiness` query. The answer goes gateway → bus → this
 * service → its database (latest applied migration) → back, so a 200 from `/api/v1/health` proves
 * the whole path works, not just that a process is alive.
 */
@Injectable()
export class ServiceReadinessResponder implements OnModuleInit {
  constructor(
    private readonly bus: MessageBus,
    private readonly dataSource: DataSource,
    private readonly lifecycle: AppLifecycle,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  onModuleInit(): void {
    const service = this.lifecycle.app as BackendServiceName;
    this.bus.handle(serviceReadinessQuery(service), () => this.answer(service));
  }

  private async answer(service: BackendServiceName): Promise<ServiceReadinessResult> {
    const [result, schemaVersion] = await Promise.all([
      runReadinessChecks(this.checks),
      latestMigration(this.dataSource).catch(() => null),
    ]);
    return {
      service,
      ready: result.ready && !this.lifecycle.isDraining && schemaVersion !== null,
      checks: result.checks,
      schemaVersion,
      instanceId: this.lifecycle.instanceId,
      uptimeSeconds: this.lifecycle.uptimeSeconds(),
    };
  }
}
