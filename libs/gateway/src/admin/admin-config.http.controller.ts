import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AdminErrorCode,
  ErrorCode,
  GetPlatformConfigQuery,
  IdentityErrorCode,
  UpdatePlatformConfigCommand,
  type AuthPrincipal,
  type PlatformConfig,
} from '#contracts';
import { MessageBus } from '#messaging';
import './admin-error-statuses.js';
import { ApiCredentials, RequireScopes, Roles } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { PlatformConfigDto } from './dto/platform-config.dto.js';
import { toPlatformConfigChanges, UpdatePlatformConfigDto } from './dto/update-platform-config.dto.js';

export const ADMIN_ACCESS_ERRORS = [
  ErrorCode.UNAUTHENTICATED,
  IdentityErrorCode.TOKEN_INVALID,
  IdentityErrorCode.TOKEN_EXPIRED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.RATE_LIMITED,
];

@ApiTags('admin')
@ApiCredentials()
@Roles('admin')
@RequireScopes('admin')
@Controller('admin/config')
export class AdminConfigHttpController {
  constructor(private readonly bus: MessageBus) {}

  @Get()
  @ApiOperation({ summary: 'The runtime settings in force (version 0 with the defaults until an admin changes something)' })
  @ApiEnvelopeResponse(PlatformConfigDto)
  @ApiErrorResponses(...ADMIN_ACCESS_ERRORS)
  get(): Promise<PlatformConfig> {
    return this.bus.query(GetPlatformConfigQuery, {});
  }

  @Put()
  @ApiOperation({
    summary: 'Change some settings; every service applies them without a restart',
    description:
      'Only the settings named change (nested groups key by key); unknown fields are refused. The answer is the new ' +
      'version. Stored rate limits replace the gateway’s RATE_LIMIT_PER_MINUTE, AUTH_RATE_LIMIT and FAILED_LOGIN_LIMIT.',
  })
  @ApiEnvelopeResponse(PlatformConfigDto)
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, AdminErrorCode.CONFIG_VERSION_CONFLICT, ...ADMIN_ACCESS_ERRORS)
  update(@Body() body: UpdatePlatformConfigDto, @CurrentPrincipal() actor: AuthPrincipal): Promise<PlatformConfig> {
    return this.bus.send(UpdatePlatformConfigCommand, {
      actor_id: actor.userId,
      changes: toPlatformConfigChanges(body),
      ...(body.expected_version === undefined ? {} : { expected_version: body.expected_version }),
    });
  }
}
