import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessageBus } from '#messaging';
import { ApiCredentials, RequireScopes, Roles } from '../auth/access-policy.decorators.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { ADMIN_ACCESS_ERRORS } from './admin-config.http.controller.js';
import { ADMIN_STATS_OPTIONS, type AdminStatsOptions } from './admin-stats.options.js';
import { AdminStatsDto } from './dto/admin-stats.dto.js';
import { measureHostUsage } from './host-usage.js';
import { collectServiceStats } from './service-stats.collector.js';

@ApiTags('admin')
@ApiCredentials()
@Roles('admin')
@RequireScopes('admin')
@Controller('admin/stats')
export class AdminStatsHttpController {
  constructor(
    private readonly bus: MessageBus,
    @Inject(ADMIN_STATS_OPTIONS) private readonly options: AdminStatsOptions,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Platform statistics from every service, and the gateway host’s usage',
    description:
      'Each service reports its own sections over the bus; one that does not answer within a short timeout leaves its ' +
      'sections null and is listed in unavailable_services. Answers within 200 ms.',
  })
  @ApiEnvelopeResponse(AdminStatsDto)
  @ApiErrorResponses(...ADMIN_ACCESS_ERRORS)
  async stats(): Promise<AdminStatsDto> {
    const [collected, system] = await Promise.all([
      collectServiceStats(this.bus, this.options.serviceTimeoutMs),
      measureHostUsage(this.options.dataDirectory),
    ]);
    const { users, voice_samples, syntheses, jobs, files, ...others } = collected.sections;
    return {
      users: (users ?? null) as AdminStatsDto['users'],
      voice_samples: (voice_samples ?? null) as AdminStatsDto['voice_samples'],
      syntheses: (syntheses ?? null) as AdminStatsDto['syntheses'],
      jobs: jobs ?? null,
      files: files ?? null,
      ...others,
      system,
      unavailable_services: collected.unavailable,
    };
  }
}
