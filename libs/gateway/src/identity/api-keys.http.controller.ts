import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CreateApiKeyCommand,
  ErrorCode,
  IdentityErrorCode,
  ListApiKeysQuery,
  RevokeApiKeyCommand,
  type ApiKeyView,
  type AuthPrincipal,
  type CreatedApiKey,
} from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials } from '../auth/access-policy.decorators.js';
import { AuthErrors } from '../auth/auth-errors.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { RevocationList } from '../auth/revocation-list.js';
import { ResponseMessage } from '../envelope/envelope-route-config.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';
import { CreateApiKeyDto } from './dto/create-api-key.dto.js';

const CREDENTIAL_ERRORS = [
  ErrorCode.UNAUTHENTICATED,
  IdentityErrorCode.TOKEN_INVALID,
  IdentityErrorCode.TOKEN_EXPIRED,
  ErrorCode.RATE_LIMITED,
];

@ApiTags('api-keys')
@ApiCredentials()
@Controller('auth/api-keys')
export class ApiKeysHttpController {
  constructor(
    private readonly bus: MessageBus,
    private readonly revocations: RevocationList,
  ) {}

  @Post()
  @ResponseMessage('API key created')
  @ApiOperation({ summary: 'Create an API key; the key itself is shown only in this response' })
  @ApiEnvelopeResponse(CreatedApiKeyDto, { status: 201 })
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, IdentityErrorCode.INVALID_SCOPES, ErrorCode.PERMISSION_DENIED, ...CREDENTIAL_ERRORS)
  create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: AuthPrincipal): Promise<CreatedApiKey> {
    // A key can never grant more than the credentials that created it.
    const beyond = body.scopes.filter((scope) => !principal.scopes.includes(scope));
    if (beyond.length > 0) throw AuthErrors.permissionDenied(`These credentials cannot grant the scope ${beyond.join(', ')}`);
    return this.bus.send(CreateApiKeyCommand, {
      user_id: principal.userId,
      name: body.name,
      scopes: body.scopes,
      ...(body.expires_at === undefined ? {} : { expires_at: body.expires_at }),
    });
  }

  @Get()
  @ApiOperation({ summary: "The caller's API keys (never the keys themselves)" })
  @ApiEnvelopeResponse(ApiKeyDto, { isArray: true })
  @ApiErrorResponses(...CREDENTIAL_ERRORS)
  list(@CurrentPrincipal() principal: AuthPrincipal): Promise<ApiKeyView[]> {
    return this.bus.query(ListApiKeysQuery, { user_id: principal.userId });
  }

  @Delete(':key_id')
  @HttpCode(200)
  @ResponseMessage('API key revoked')
  @ApiOperation({ summary: 'Revoke an API key; every gateway replica refuses it within a second' })
  @ApiParam({ name: 'key_id', example: 'key_0m3x9c2v7b1n5z8q4w6e' })
  @ApiErrorResponses(IdentityErrorCode.API_KEY_NOT_FOUND, ...CREDENTIAL_ERRORS)
  async revoke(@Param('key_id') keyId: string, @CurrentPrincipal() principal: AuthPrincipal): Promise<void> {
    await this.bus.send(RevokeApiKeyCommand, { user_id: principal.userId, key_id: keyId });
    this.revocations.revokeApiKey(keyId);
  }
}
