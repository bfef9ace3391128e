import './tts-error-statuses.js';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApplicationError,
  ErrorCode,
  IdentityErrorCode,
  ListVoicesQuery,
  SynthesisErrorCode,
  SYNTHESIZE_SPEECH_TIMEOUT_MS,
  SynthesizeSpeechCommand,
  type AudioFormat,
  type AuthPrincipal,
  type PayloadOf,
} from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { negotiateSynthesisRepresentation, type SynthesisRepresentation } from './audio-negotiation.js';
import { SynthesisResultDto } from './dto/synthesis-result.dto.js';
import { SynthesizeRequestDto } from './dto/synthesize-request.dto.js';
import { VoiceListDto } from './dto/voice.dto.js';
import { SynthesizedAudioResponder } from './synthesized-audio.responder.js';

/** Seconds a client is asked to wait when the synthesis queue is full. */
export const OVERLOADED_RETRY_AFTER_SECONDS = 1;

const CREDENTIAL_ERRORS = [
  ErrorCode.UNAUTHENTICATED,
  IdentityErrorCode.TOKEN_INVALID,
  IdentityErrorCode.TOKEN_EXPIRED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.RATE_LIMITED,
];
const BUS_ERRORS = [ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.UPSTREAM_TIMEOUT];

@ApiTags('tts')
@ApiCredentials()
@Controller('tts')
export class TtsHttpController {
  constructor(
    private readonly bus: MessageBus,
    private readonly audio: SynthesizedAudioResponder,
  ) {}

  @Get('voices')
  @RequireScopes('tts')
  @ApiOperation({ summary: 'Every voice × speaker the synthesis service can speak with, and the default one' })
  @ApiEnvelopeResponse(VoiceListDto)
  @ApiErrorResponses(...CREDENTIAL_ERRORS, ...BUS_ERRORS)
  voices(): Promise<VoiceListDto> {
    return this.bus.query(ListVoicesQuery, {});
  }

  @Post('synthesize')
  @HttpCode(200)
  @RequireScopes('tts')
  @ApiOperation({
    summary: 'Speak up to 5,000 characters',
    description:
      'Stores the audio as a synthesis_output file and answers where it is: `audio_url` is an absolute signed URL that ' +
      'plays without credentials. With `Accept: audio/*` (or `audio/wav`, `audio/pcm`) the audio itself is the body; a ' +
      'specific audio type picks the format when `config.output_format` is absent. Each request uses one of the daily ' +
      'syntheses (429 QUOTA_EXCEEDED with `resets_at`). 503 OVERLOADED comes with Retry-After.',
  })
  @ApiHeader({ name: 'Accept', required: false, description: '`application/json` (default) or `audio/*`, `audio/wav`, `audio/pcm`' })
  @ApiBody({
    type: SynthesizeRequestDto,
    examples: {
      minimal: { value: { text: 'Hello from Voxify.' } },
      configured: {
        value: {
          text: 'The quick brown fox jumps over the lazy dog.',
          voice_id: 'en_US-voxify-low:rms',
          config: { output_format: 'wav', sample_rate: 22050, speed: 1.1, pitch: 1.0, volume: 0.9, timestamps: true },
        },
      },
    },
  })
  @ApiProduces('application/json', 'audio/wav', 'audio/pcm')
  @ApiEnvelopeResponse(SynthesisResultDto, { description: 'The stored audio (JSON), or with Accept: audio/* the audio bytes' })
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    SynthesisErrorCode.TEXT_TOO_LONG,
    SynthesisErrorCode.VOICE_NOT_FOUND,
    SynthesisErrorCode.UNSUPPORTED_FORMAT,
    SynthesisErrorCode.UNSUPPORTED_SAMPLE_RATE,
    ErrorCode.QUOTA_EXCEEDED,
    SynthesisErrorCode.OVERLOADED,
    ...CREDENTIAL_ERRORS,
    ...BUS_ERRORS,
  )
  async synthesize(
    @Body() body: SynthesizeRequestDto,
    @CurrentPrincipal() principal: AuthPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const representation = negotiateSynthesisRepresentation(request.headers.accept);
    const command = toCommand(body, principal, representation);
    const result = await this.bus
      .send(SynthesizeSpeechCommand, command, { timeoutMs: SYNTHESIZE_SPEECH_TIMEOUT_MS })
      .catch((error: unknown) => {
        if (error instanceof ApplicationError && error.code === SynthesisErrorCode.OVERLOADED) {
          reply.header('retry-after', String(OVERLOADED_RETRY_AFTER_SECONDS));
        }
        throw error;
      });
    if (representation.kind === 'audio') return this.audio.send(result, request, reply);
    const view: SynthesisResultDto = { ...result, audio_url: `${request.protocol}://${request.host}${result.audio_url}` };
    return reply.code(200).send(view);
  }
}

function toCommand(
  body: SynthesizeRequestDto,
  principal: AuthPrincipal,
  representation: SynthesisRepresentation,
): PayloadOf<typeof SynthesizeSpeechCommand> {
  const { output_format, ...settings } = body.config ?? {};
  const format = output_format ?? (representation.kind === 'audio' ? representation.format : undefined);
  return {
    user_id: principal.userId,
    text: body.text,
    ...(body.voice_id === undefined ? {} : { voice_id: body.voice_id }),
    // The service validates the format against what it can encode (UNSUPPORTED_FORMAT).
    config: { ...settings, ...(format === undefined ? {} : { output_format: format as AudioFormat }) },
  };
}
