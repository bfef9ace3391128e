import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, GetLexiconQuery, IdentityErrorCode, PutLexiconCommand, type AuthPrincipal } from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { LexiconDto, PutLexiconDto } from './dto/lexicon.dto.js';

const CREDENTIAL_ERRORS = [
  ErrorCode.UNAUTHENTICATED,
  IdentityErrorCode.TOKEN_INVALID,
  IdentityErrorCode.TOKEN_EXPIRED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.RATE_LIMITED,
];
const BUS_ERRORS = [ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.UPSTREAM_TIMEOUT];

/** `/api/v1/tts/lexicon`: the caller's own pronunciations, applied to all their later syntheses. */
@ApiTags('tts')
@ApiCredentials()
@Controller('tts/lexicon')
export class LexiconHttpController {
  constructor(private readonly bus: MessageBus) {}

  @Get()
  @RequireScopes('tts')
  @ApiOperation({ summary: 'Your pronunciation lexicon' })
  @ApiEnvelopeResponse(LexiconDto)
  @ApiErrorResponses(...CREDENTIAL_ERRORS, ...BUS_ERRORS)
  get(@CurrentPrincipal() principal: AuthPrincipal): Promise<LexiconDto> {
    return this.bus.query(GetLexiconQuery, { user_id: principal.userId });
  }

  @Put()
  @RequireScopes('tts')
  @ApiOperation({
    summary: 'Replace your pronunciation lexicon',
    description:
      'Up to 500 entries. Each `word` (1–64 characters, matched as a whole word ignoring case) is said as its `ipa` ' +
      '(checked against the symbols of the voices) or read as its `respelling`. Applies to plain text and to the text ' +
      'of SSML, but not inside `phoneme`, `sub` or `say-as`.',
  })
  @ApiBody({
    type: PutLexiconDto,
    examples: {
      lexicon: {
        value: {
          entries: [
            { word: 'Voxify', ipa: 'vˈɑːksɪfaɪ' },
            { word: 'SQL', respelling: 'sequel' },
          ],
        },
      },
    },
  })
  @ApiEnvelopeResponse(LexiconDto)
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, ...CREDENTIAL_ERRORS, ...BUS_ERRORS)
  put(@Body() body: PutLexiconDto, @CurrentPrincipal() principal: AuthPrincipal): Promise<LexiconDto> {
    return this.bus.send(PutLexiconCommand, { user_id: principal.userId, entries: body.entries });
  }
}
