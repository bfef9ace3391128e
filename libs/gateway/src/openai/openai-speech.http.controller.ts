import '../tts/tts-error-statuses.js';
import { Body, Controller, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApplicationError,
  ErrorCode,
  IdentityErrorCode,
  SynthesisErrorCode,
  SynthesizeSpeechCommand,
  type AuthPrincipal,
  type PayloadOf,
} from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { RawResponse } from '../envelope/envelope-route-config.js';
import { describeApiError } from '../errors/describe-api-error.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { SentenceStreamer } from '../tts/sentence-streamer.js';
import { streamingEncoderFactory } from '../tts/stream-audio-formats.js';
import {
  abortWhenClosed,
  firstChunkReady,
  retryAfterOverload,
  sendChunkedAudio,
  sendServerSentEvents,
} from '../tts/streamed-audio.response.js';
import { SynthesizedAudioResponder } from '../tts/synthesized-audio.responder.js';
import { formatServerSentEvent } from '../tts/synthesis-events.js';
import { TtsGatewayErrorCode } from '../tts/tts-error-statuses.js';
import { OVERLOADED_RETRY_AFTER_SECONDS } from '../tts/tts.http.controller.js';
import { CreateSpeechRequestDto } from './dto/create-speech-request.dto.js';
import { DEFAULT_OPENAI_RESPONSE_FORMAT, toVoxifyOutput } from './openai-speech-format.js';
import { describeOpenAiVoiceMap, toVoxifyVoiceId } from './openai-voices.js';

/** Served outside the `api/v1` prefix (see OPENAI_COMPATIBLE_ROUTES), where OpenAI's SDKs look for it. */
@ApiTags('openai')
@ApiCredentials()
@Controller('v1/audio')
export class OpenAiSpeechHttpController {
  private readonly logger = new Logger('OpenAiSpeechHttpController');

  constructor(
    private readonly bus: MessageBus,
    private readonly audio: SynthesizedAudioResponder,
    private readonly streamer: SentenceStreamer,
  ) {}

  @Post('speech')
  @HttpCode(200)
  @RequireScopes('tts')
  @RawResponse()
  @ApiOperation({
    summary: 'OpenAI-compatible speech (`client.audio.speech.create`); the body is the audio',
    description:
      'Use an API key with scope `tts` as the OpenAI API key and `<origin>/v1` as the base URL. Voices: ' +
      `${describeOpenAiVoiceMap()}; any other value is one of our voice ids. ` +
      'Errors keep our envelope (OpenAI SDKs raise them as APIError with the status).',
  })
  @ApiBody({
    type: CreateSpeechRequestDto,
    examples: {
      minimal: { value: { model: 'tts-1', voice: 'alloy', input: 'Hello from Voxify.' } },
      wav: { value: { model: 'tts-1', voice: 'en_US-voxify-low:rms', input: 'Hello from Voxify.', response_format: 'wav', speed: 1.2 } },
    },
  })
  @ApiProduces('audio/mpeg', 'audio/ogg', 'audio/flac', 'audio/wav', 'audio/pcm')
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    SynthesisErrorCode.UNSUPPORTED_FORMAT,
    SynthesisErrorCode.VOICE_NOT_FOUND,
    TtsGatewayErrorCode.UNSUPPORTED_OPTION,
    SynthesisErrorCode.OVERLOADED,
    ErrorCode.UNAUTHENTICATED,
    IdentityErrorCode.TOKEN_INVALID,
    IdentityErrorCode.TOKEN_EXPIRED,
    ErrorCode.PERMISSION_DENIED,
    ErrorCode.RATE_LIMITED,
    ErrorCode.SERVICE_UNAVAILABLE,
    ErrorCode.UPSTREAM_TIMEOUT,
  )
  async speech(
    @Body() body: CreateSpeechRequestDto,
    @CurrentPrincipal() principal: AuthPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (body.stream_format !== undefined) return this.streamed(body, principal, reply);
    const result = await this.bus.send(SynthesizeSpeechCommand, toSynthesizeCommand(body, principal)).catch((error: unknown) => {
      if (error instanceof ApplicationError && error.code === SynthesisErrorCode.OVERLOADED) {
        reply.header('retry-after', String(OVERLOADED_RETRY_AFTER_SECONDS));
      }
      throw error;
    });
    return this.audio.send(result, request, reply);
  }

  /**
   * `stream_format` given: the sentences as they are rendered, as chunked bytes (`audio`) or as
   * `speech.audio.delta` events whose audio, joined, is one file, then `speech.audio.done` (`sse`).
   */
  private async streamed(body: CreateSpeechRequestDto, principal: AuthPrincipal, reply: FastifyReply): Promise<FastifyReply> {
    const request = toSynthesizeCommand(body, principal);
    const format = request.config?.output_format ?? 'mp3';
    // flac answers UNSUPPORTED_FORMAT here, before the plan charges the quota.
    streamingEncoderFactory(format);
    const stream = await this.streamer.open(request, abortWhenClosed(reply)).catch((error: unknown) => retryAfterOverload(error, reply));
    const chunks = await firstChunkReady(stream, format, reply);
    const onError = (error: unknown) => this.logger.warn(`Streamed speech ${stream.plan.synthesis_id} ended early: ${String(error)}`);
    if (body.stream_format === 'audio') return sendChunkedAudio(reply, stream, chunks, onError);
    const characters = body.input.length;
    const events = (async function* () {
      try {
        for await (const chunk of chunks)
          yield formatServerSentEvent({ type: 'speech.audio.delta', audio: chunk.bytes.toString('base64') });
        // Our voices have no tokens: usage counts the input's characters.
        yield formatServerSentEvent({
          type: 'speech.audio.done',
          usage: { input_tokens: characters, output_tokens: 0, total_tokens: characters },
        });
      } catch (error) {
        onError(error);
        const described = describeApiError(error, { unmatchedRoute: false });
        yield formatServerSentEvent({ type: 'error', error: { code: described.error.code, message: described.error.message } });
      }
    })();
    return sendServerSentEvents(reply, events);
  }
}

export function toSynthesizeCommand(body: CreateSpeechRequestDto, principal: AuthPrincipal): PayloadOf<typeof SynthesizeSpeechCommand> {
  return {
    user_id: principal.userId,
    text: body.input,
    voice_id: toVoxifyVoiceId(body.voice),
    config: {
      ...toVoxifyOutput(body.response_format ?? DEFAULT_OPENAI_RESPONSE_FORMAT),
      ...(body.speed === undefined ? {} : { speed: body.speed }),
    },
  };
}
