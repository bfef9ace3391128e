import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  IdentityErrorCode,
  SynthesisErrorCode,
  SynthesizeAsyncCommand,
  type AudioFormat,
  type AuthPrincipal,
  type SynthesisJobAcceptedView,
} from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ResponseMessage } from '../envelope/envelope-route-config.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { SynthesisJobAcceptedDto, SynthesizeAsyncRequestDto } from './dto/synthesize-async-request.dto.js';

@ApiTags('tts')
@ApiCredentials()
@Controller('tts')
export class TtsAsyncHttpController {
  constructor(private readonly bus: MessageBus) {}

  @Post('synthesize/async')
  @HttpCode(202)
  @RequireScopes('tts')
  @ResponseMessage('Asynchronous speech synthesis job created')
  @ApiOperation({
    summary: 'Speak up to 100,000 characters as a background job',
    description:
      'Validates the request like POST /tts/synthesize and answers 202 with a `speech_synthesis` job. Follow it with ' +
      'GET /api/v1/jobs/{job_id} (or /events, /progress/ws): `progress` 0–1 and "Chunk k/n" while the text is rendered in ' +
      'chunks of about 20 s of audio; once completed, `result` holds synthesis_id, file_id, audio_url (a signed path), ' +
      'duration, format and sample_rate. Cancel with POST /api/v1/jobs/{job_id}/cancel. Each request uses one of the ' +
      'daily syntheses (429 QUOTA_EXCEEDED).',
  })
  @ApiBody({
    type: SynthesizeAsyncRequestDto,
    examples: {
      minimal: { value: { text: 'A long text, chapter after chapter…' } },
      configured: {
        value: {
          text: 'A long text, chapter after chapter…',
          voice_id: 'en_US-voxify-low:slt',
          config: { output_format: 'mp3', sample_rate: 44100, speed: 1.0, volume: 1.0 },
        },
      },
    },
  })
  @ApiEnvelopeResponse(SynthesisJobAcceptedDto, { status: 202, description: 'The job was created (status pending)' })
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    SynthesisErrorCode.TEXT_TOO_LONG,
    SynthesisErrorCode.VOICE_NOT_FOUND,
    SynthesisErrorCode.UNSUPPORTED_FORMAT,
    SynthesisErrorCode.UNSUPPORTED_SAMPLE_RATE,
    ErrorCode.QUOTA_EXCEEDED,
    ErrorCode.UNAUTHENTICATED,
    IdentityErrorCode.TOKEN_INVALID,
    IdentityErrorCode.TOKEN_EXPIRED,
    ErrorCode.PERMISSION_DENIED,
    ErrorCode.RATE_LIMITED,
    ErrorCode.SERVICE_UNAVAILABLE,
    ErrorCode.UPSTREAM_TIMEOUT,
  )
  synthesizeAsync(
    @Body() body: SynthesizeAsyncRequestDto,
    @CurrentPrincipal() principal: AuthPrincipal,
  ): Promise<SynthesisJobAcceptedView> {
    const { output_format, sample_rate, speed, pitch, volume } = body.config ?? {};
    return this.bus.send(SynthesizeAsyncCommand, {
      user_id: principal.userId,
      text: body.text,
      ...(body.voice_id === undefined ? {} : { voice_id: body.voice_id }),
      // The service validates the format against what it can encode (UNSUPPORTED_FORMAT).
      config: {
        ...(output_format === undefined ? {} : { output_format: output_format as AudioFormat }),
        ...(sample_rate === undefined ? {} : { sample_rate }),
        ...(speed === undefined ? {} : { speed }),
        ...(pitch === undefined ? {} : { pitch }),
        ...(volume === undefined ? {} : { volume }),
      },
    });
  }
}
