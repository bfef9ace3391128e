import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Get, HttpCode, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppLifecycle } from './app-lifecycle.js';
import { READINESS_CHECKS } from '../runtime.tokens.js';
import { runReadinessChecks, type ReadinessCheck } from './readiness-check.js';

/**
 * Kubernetes-style probes of one app. Liveness never looks at dependencies (a broken database must
 * not restart every pod); readiness does, and turns 503 as soon as the app starts draining.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly lifecycle: AppLifecycle,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): { status: 'alive'; app: string; uptime_seconds: number } {
    return { status: 'alive', app: this.lifecycle.app, uptime_seconds: this.lifecycle.uptimeSeconds() };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; app: string; checks: Record<string, string> }> {
    const result = await runReadinessChecks(this.checks);
    const ready = result.ready && !this.lifecycle.isDraining;
    reply.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: this.lifecycle.isDraining ? 'draining' : ready ? 'ready' : 'not_ready',
      app: this.lifecycle.app,
      checks: result.checks,
    };
  }
}
