import './voice-profile-error-statuses.js';
import { Controller, Delete, Get, HttpCode, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApplicationError,
  DeleteVoiceProfileCommand,
  ErrorCode,
  FindSimilarVoicesQuery,
  GetVoiceProfileQuery,
  hasPrefix,
  IdPrefix,
  ListVoiceProfilesQuery,
  ListVoicesQuery,
  SynthesisErrorCode,
  SynthesizeSpeechCommand,
  VoiceProfileErrorCode,
  type AuthPrincipal,
  type VoiceProfileView,
  type VoiceView,
} from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { paginated, type Paginated } from '../pagination/pagination.dto.js';
import { ApiEnvelopeResponse, ApiPaginatedEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { SynthesizedAudioResponder } from '../tts/synthesized-audio.responder.js';
import { SimilarVoicesDto, SimilarVoicesQueryDto, VoiceListItemDto, VoicesQueryDto } from './voices.dto.js';

/** What every voice's preview says. */
export const VOICE_PREVIEW_TEXT = 'Hello! This is a short preview of how this voice sounds.';

const VOICE_ID_PARAM = { name: 'voice_id', example: 'vp_4f9k2m8q1x7c3v5b0n6z', description: 'A profile id, or a built-in `voice:speaker`' };
const CREDENTIAL_ERRORS = [ErrorCode.UNAUTHENTICATED, ErrorCode.PERMISSION_DENIED, ErrorCode.RATE_LIMITED];

type BuiltinVoiceItem = VoiceView & { kind: 'builtin'; status: 'ready' };
type VoiceItem = BuiltinVoiceItem | VoiceProfileView;

const isProfileId = (id: string): boolean => hasPrefix(id, IdPrefix.voiceProfile);

/**
 * `/api/v1/voices`: the built-in voices (from synthesis) and the caller's own voice profiles (from the
 * voice service, owner-scoped there), with a preview and the nearest voices of each.
 */
@ApiTags('voices')
@ApiCredentials()
@Controller('voices')
export class VoicesHttpController {
  constructor(
    private readonly bus: MessageBus,
    private readonly audio: SynthesizedAudioResponder,
  ) {}

  @Get()
  @RequireScopes('voices')
  @ApiOperation({ summary: 'Built-in voices first, then your voice profiles (with status and metrics), paginated' })
  @ApiPaginatedEnvelopeResponse(VoiceListItemDto, { itemsKey: 'voices' })
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, ...CREDENTIAL_ERRORS)
  async list(@Query() query: VoicesQueryDto, @CurrentPrincipal() principal: AuthPrincipal): Promise<Paginated<VoiceItem, 'voices'>> {
    const builtins = await this.builtins();
    const offset = (query.page - 1) * query.page_size;
    const builtinPage = builtins.slice(offset, offset + query.page_size);
    const { profiles, total } = await this.bus.query(ListVoiceProfilesQuery, {
      user_id: principal.userId,
      offset: Math.max(0, offset - builtins.length),
      limit: query.page_size - builtinPage.length,
    });
    return paginated('voices', [...builtinPage, ...profiles], {
      page: query.page,
      pageSize: query.page_size,
      totalCount: builtins.length + total,
    });
  }

  @Get(':voice_id')
  @RequireScopes('voices')
  @ApiOperation({ summary: 'One voice: a built-in voice × speaker, or your profile with its fit' })
  @ApiParam(VOICE_ID_PARAM)
  @ApiEnvelopeResponse(VoiceListItemDto)
  @ApiErrorResponses(SynthesisErrorCode.VOICE_NOT_FOUND, VoiceProfileErrorCode.VOICE_PROFILE_NOT_FOUND, ...CREDENTIAL_ERRORS)
  async get(@Param('voice_id') voiceId: string, @CurrentPrincipal() principal: AuthPrincipal): Promise<VoiceItem> {
    if (isProfileId(voiceId))
      return this.bus.query(GetVoiceProfileQuery, { profile_id: voiceId, user_id: principal.userId, admin: isAdmin(principal) });
    const builtin = (await this.builtins()).find((voice) => voice.voice_id === voiceId);
    if (!builtin) throw voiceNotFound(voiceId);
    return builtin;
  }

  @Delete(':voice_id')
  @HttpCode(200)
  @RequireScopes('voices')
  @ApiOperation({ summary: 'Delete one of your voice profiles (a profile still training has its job cancelled)' })
  @ApiParam(VOICE_ID_PARAM)
  @ApiErrorResponses(VoiceProfileErrorCode.VOICE_PROFILE_NOT_FOUND, SynthesisErrorCode.VOICE_NOT_FOUND, ...CREDENTIAL_ERRORS)
  async delete(@Param('voice_id') voiceId: string, @CurrentPrincipal() principal: AuthPrincipal): Promise<void> {
    if (!isProfileId(voiceId)) {
      if ((await this.builtins()).some((voice) => voice.voice_id === voiceId)) {
        throw new ApplicationError(ErrorCode.PERMISSION_DENIED, 'Built-in voices cannot be deleted');
      }
      throw voiceNotFound(voiceId);
    }
    await this.bus.send(DeleteVoiceProfileCommand, { profile_id: voiceId, user_id: principal.userId, admin: isAdmin(principal) });
  }

  @Get(':voice_id/preview')
  @RequireScopes('voices')
  @ApiOperation({ summary: `The voice saying "${VOICE_PREVIEW_TEXT}" (WAV; counts as one synthesis)` })
  @ApiParam(VOICE_ID_PARAM)
  @ApiProduces('audio/wav')
  @ApiErrorResponses(SynthesisErrorCode.VOICE_NOT_FOUND, SynthesisErrorCode.OVERLOADED, ...CREDENTIAL_ERRORS)
  async preview(
    @Param('voice_id') voiceId: string,
    @CurrentPrincipal() principal: AuthPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const result = await this.bus.send(SynthesizeSpeechCommand, {
      user_id: principal.userId,
      text: VOICE_PREVIEW_TEXT,
      voice_id: voiceId,
      config: { output_format: 'wav' },
    });
    return this.audio.send(result, request, reply);
  }

  @Get(':voice_id/similar')
  @RequireScopes('voices')
  @ApiOperation({ summary: 'The voices nearest to this one by speaker distance (built-in speakers and your profiles)' })
  @ApiParam(VOICE_ID_PARAM)
  @ApiEnvelopeResponse(SimilarVoicesDto)
  @ApiErrorResponses(
    SynthesisErrorCode.VOICE_NOT_FOUND,
    VoiceProfileErrorCode.VOICE_PROFILE_NOT_FOUND,
    VoiceProfileErrorCode.VOICE_PROFILE_NOT_READY,
    ...CREDENTIAL_ERRORS,
  )
  similar(
    @Param('voice_id') voiceId: string,
    @Query() query: SimilarVoicesQueryDto,
    @CurrentPrincipal() principal: AuthPrincipal,
  ): Promise<SimilarVoicesDto> {
    return this.bus.query(
      FindSimilarVoicesQuery,
      { voice_id: voiceId, user_id: principal.userId, admin: false, limit: query.limit ?? 10 },
      // The first call measures the built-in speakers by rendering each once.
      { timeoutMs: 60_000 },
    );
  }

  private async builtins(): Promise<BuiltinVoiceItem[]> {
    const { voices } = await this.bus.query(ListVoicesQuery, {});
    return voices.map((voice) => ({ ...voice, kind: 'builtin', status: 'ready' }));
  }
}

function isAdmin(principal: AuthPrincipal): boolean {
  return principal.roles.includes('admin');
}

function voiceNotFound(voiceId: string): ApplicationError {
  return new ApplicationError(SynthesisErrorCode.VOICE_NOT_FOUND, `No voice ${voiceId}; see GET /api/v1/voices`);
}
