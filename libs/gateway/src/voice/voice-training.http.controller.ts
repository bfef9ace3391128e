import './voice-profile-error-statuses.js';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  TrainVoiceProfileCommand,
  VoiceProfileErrorCode,
  VoiceSampleErrorCode,
  type AuthPrincipal,
  type TrainingAcceptedView,
} from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ResponseMessage } from '../envelope/envelope-route-config.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { TrainingAcceptedDto, TrainVoiceRequestDto } from './voice-training.dto.js';

/** `POST /api/v1/voice/samples/{id}/train`: starts a voice_training job on the voice service. */
@ApiTags('voices')
@ApiCredentials()
@Controller('voice/samples')
export class VoiceTrainingHttpController {
  constructor(private readonly bus: MessageBus) {}

  @Post(':sample_id/train')
  @HttpCode(202)
  @RequireScopes('voices')
  @ResponseMessage('Voice training job created')
  @ApiOperation({
    summary: 'Train a voice profile from your ready samples (needs "consent": true from the speaker)',
    description:
      "Fits a point of the default voice's speaker space plus pitch, tempo and spectral corrections to the samples. " +
      'Progress per epoch is on the jobs API (`training_job_id`); the voice `voice_id` is listed in GET /voices with status training, then ready.',
  })
  @ApiParam({ name: 'sample_id', example: 'vs_4f9k2m8q1x7c3v5b0n6z' })
  @ApiEnvelopeResponse(TrainingAcceptedDto, { status: 202 })
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    VoiceProfileErrorCode.CONSENT_REQUIRED,
    VoiceSampleErrorCode.VOICE_SAMPLE_NOT_FOUND,
    VoiceProfileErrorCode.SAMPLE_NOT_READY,
    ErrorCode.UNAUTHENTICATED,
    ErrorCode.PERMISSION_DENIED,
  )
  train(
    @Param('sample_id') sampleId: string,
    @Body() body: TrainVoiceRequestDto,
    @CurrentPrincipal() principal: AuthPrincipal,
  ): Promise<TrainingAcceptedView> {
    return this.bus.send(TrainVoiceProfileCommand, {
      user_id: principal.userId,
      sample_id: sampleId,
      consent: body.consent === true,
      ...(body.sample_ids ? { sample_ids: body.sample_ids } : {}),
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.config ? { config: body.config } : {}),
    });
  }
}
