import './tts-error-statuses.js';
import { Body, Controller, Get, HttpCode, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, IdentityErrorCode, SynthesisErrorCode, type AudioFormat, type AuthPrincipal } from '#contracts';
import { ApiCredentials, RequireScopes } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { RawResponse } from '../envelope/envelope-route-config.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { negotiateSynthesisRepresentation } from './audio-negotiation.js';
import { SynthesisStreamQueryDto } from './dto/synthesis-stream-query.dto.js';
import { SynthesizeRequestDto } from './dto/synthesize-request.dto.js';
import { SentenceStreamer, type SentenceStream, type StreamSynthesisRequest } from './sentence-streamer.js';
import { streamAudioFormat, streamingEncoderFactory } from './stream-audio-formats.js';
import { toStreamSynthesisRequest } from './stream-synthesis-request.js';
import { abortWhenClosed, firstChunkReady, retryAfterOverload, sendChunkedAudio, sendServerSentEvents } from './streamed-audio.response.js';
import { StreamedAudioStore } from './streamed-audio.store.js';
import { formatServerSentEvent, synthesisEvents } from './synthesis-events.js';

const STREAM_ERRORS = [
  ErrorCode.VALIDATION_ERROR,
  SynthesisErrorCode.TEXT_TOO_LONG,
  SynthesisErrorCode.VOICE_NOT_FOUND,
  SynthesisErrorCode.UNSUPPORTED_FORMAT,
  SynthesisErrorCode.UNSUPPORTED_SAMPLE_RATE,
  SynthesisErrorCode.OVERLOADED,
  ErrorCode.UNAUTHENTICATED,
  IdentityErrorCode.TOKEN_INVALID,
  IdentityErrorCode.TOKEN_EXPIRED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.RATE_LIMITED,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.UPSTREAM_TIMEOUT,
];

/**
 * Streamed synthesis: the text is planned into sentences, which render in parallel on the synthesis
 * instances and leave in order as each is ready. Errors found before the first byte (validation,
 * quota, the first sentence failing) answer the usual JSON envelope; a failure later ends the stream.
 */
@ApiTags('tts')
@ApiCredentials()
@Controller('tts')
export class TtsStreamHttpController {
  private readonly logger = new Logger('TtsStreamHttpController');

  constructor(
    private readonly streamer: SentenceStreamer,
    private readonly store: StreamedAudioStore,
  ) {}

  @Post('stream')
  @HttpCode(200)
  @RequireScopes('tts')
  @RawResponse()
  @ApiOperation({
    summary: 'Speak up to 5,000 characters as a chunked audio stream, first sentence first',
    description:
      'Same body as POST /tts/synthesize. The response is `Transfer-Encoding: chunked` audio in `config.output_format` ' +
      '(wav with an unknown-length header, pcm as s16le mono with `X-Sample-Rate`, mp3, or ogg/Opus; flac cannot be streamed) ' +
      'whose first bytes leave as soon as the first sentence is rendered. Nothing is stored. An error before the first byte ' +
      'is a JSON error; one after it closes the connection before the final chunk, so the transfer is incomplete.',
  })
  @ApiHeader({
    name: 'Accept',
    required: false,
    description: 'An audio type (`audio/mpeg`, …) picks the format when output_format is absent',
  })
  @ApiBody({
    type: SynthesizeRequestDto,
    examples: { mp3: { value: { text: 'Hello. This is streamed.', config: { output_format: 'mp3' } } } },
  })
  @ApiProduces('audio/wav', 'audio/pcm', 'audio/mpeg', 'audio/ogg')
  @ApiResponse({ status: 200, description: 'The audio, chunk by chunk; `X-Synthesis-Id` and `X-Sample-Rate` headers' })
  @ApiErrorResponses(...STREAM_ERRORS)
  async stream(
    @Body() body: SynthesizeRequestDto,
    @CurrentPrincipal() principal: AuthPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const streamRequest = toStreamSynthesisRequest(body, principal);
    const negotiated = negotiateSynthesisRepresentation(request.headers.accept);
    const format: AudioFormat =
      streamRequest.config?.output_format ?? (negotiated.kind === 'audio' ? negotiated.format : undefined) ?? 'wav';
    streamRequest.config = { ...streamRequest.config, output_format: format };
    // flac answers UNSUPPORTED_FORMAT here, before the plan charges the quota.
    streamingEncoderFactory(format);
    const stream = await this.open(streamRequest, reply);
    const chunks = await firstChunkReady(stream, format, reply);
    return sendChunkedAudio(reply, stream, chunks, (error) => this.logFailure(stream.plan.synthesis_id, error));
  }

  @Get('synthesize/stream')
  @RequireScopes('tts')
  @RawResponse()
  @ApiOperation({
    summary: 'Speak as Server-Sent Events: job_info, progress, audio_chunk per sentence, completed',
    description:
      'Each event is `data: {"type": …}`: `job_info` {synthesis_id, estimated_duration}, `progress` {progress 0–1, message}, ' +
      '`audio_chunk` {chunk_id (1-based), format, sample_rate, duration, audio: base64 of a whole file of that sentence ' +
      '(with the pause before it), words?}, then `completed` {synthesis_id, file_id, duration, audio_url: the whole audio, ' +
      'stored like POST /tts/synthesize}. A failure after the stream began is an `error` event {code, message}, the last one.',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'A stream of synthesis events' })
  @ApiErrorResponses(...STREAM_ERRORS)
  async events(
    @Query() query: SynthesisStreamQueryDto,
    @CurrentPrincipal() principal: AuthPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const config = Object.fromEntries(
      Object.entries({
        output_format: query.format,
        sample_rate: query.sample_rate,
        speed: query.speed,
        pitch: query.pitch,
        volume: query.volume,
      }).filter(([, value]) => value !== undefined),
    );
    const streamRequest = toStreamSynthesisRequest({ text: query.text, voice_id: query.voice_id, config }, principal);
    const format = streamAudioFormat(query.format ?? 'wav');
    const stream = await this.open(streamRequest, reply);
    const origin = `${request.protocol}://${request.host}`;
    const events = synthesisEvents(stream, {
      format,
      store: async (audio) => {
        const stored = await this.store.store(principal.userId, stream.plan.synthesis_id, audio, format);
        return { fileId: stored.fileId, audioUrl: `${origin}${stored.audioUrl}` };
      },
      onError: (error) => this.logFailure(stream.plan.synthesis_id, error),
    });
    const lines = (async function* () {
      for await (const event of events) yield formatServerSentEvent(event);
    })();
    return sendServerSentEvents(reply, lines);
  }

  /** Plans the stream; the renders stop being requested when the client goes away. */
  private open(streamRequest: StreamSynthesisRequest, reply: FastifyReply): Promise<SentenceStream> {
    return this.streamer.open(streamRequest, abortWhenClosed(reply)).catch((error: unknown) => retryAfterOverload(error, reply));
  }

  private logFailure(synthesisId: string, error: unknown): void {
    this.logger.warn(`Streamed synthesis ${synthesisId} ended early: ${error instanceof Error ? error.message : String(error)}`);
  }
}
