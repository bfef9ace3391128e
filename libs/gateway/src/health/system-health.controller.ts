import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ErrorCode } from '#contracts';
import type { ApiEnvelope } from '../envelope/api-envelope.js';
import { RawResponse } from '../envelope/envelope-route-config.js';
import { PublicRoute } from '../routing/public-route.decorator.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { SystemHealthReportDto } from './system-health-report.dto.js';
import { SystemHealthChecker } from './system-health.checker.js';

@ApiTags('system')
@PublicRoute()
@Controller('health')
export class SystemHealthController {
  constructor(private readonly checker: SystemHealthChecker) {}

  @Get()
  // Raw because a degraded system answers 503 with the report in `data` next to the error.
  @RawResponse()
  @ApiOperation({ summary: 'Readiness of the gateway and of every back-end service' })
  @ApiEnvelopeResponse(SystemHealthReportDto, { description: 'Every service is ready' })
  @ApiErrorResponses(ErrorCode.SERVICE_UNAVAILABLE)
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<ApiEnvelope<SystemHealthReportDto>> {
    const report = await this.checker.check();
    if (report.status === 'healthy') return { success: true, data: report };

    const failing = Object.entries(report.services)
      .filter(([, health]) => health.status !== 'ready')
      .map(([service]) => service);
    void reply.status(503);
    return {
      success: false,
      data: report,
      error: {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        message: `Not ready: ${failing.join(', ')}`,
        details: { failing_services: failing },
      },
    };
  }
}
