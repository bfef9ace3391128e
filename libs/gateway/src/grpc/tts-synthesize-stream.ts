import { once } from 'node:events';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { SentenceStreamer } from '../tts/sentence-streamer.js';
import { streamingEncoderFactory } from '../tts/stream-audio-formats.js';
import { encodeChunks, timedChunks } from '../tts/streamed-audio.js';
import { toSynthesizeCommand, type GrpcSynthesizeRequest } from './tts-synthesize-request.js';

/** `voxify.v1.WordTimestamp`. */
export interface GrpcWordTimestamp {
  word: string;
  start_seconds: number;
  end_seconds: number;
}

/** `voxify.v1.SynthesizeStreamChunk` as proto-loader (keepCase) writes it. */
export interface GrpcSynthesizeStreamChunk {
  synthesis_id: string;
  sequence_number: number;
  audio: Buffer;
  format: string;
  sample_rate: number;
  duration_seconds: number;
  words: GrpcWordTimestamp[];
  last: boolean;
}

/**
 * SynthesizeStream: one message per sentence as soon as it is rendered, whose `audio` bytes joined
 * in order are one file of the requested format. Cancelling the call stops requesting sentences.
 */
export async function synthesizeStream(
  call: ServerWritableStream<GrpcSynthesizeRequest, GrpcSynthesizeStreamChunk>,
  userId: string,
  streamer: SentenceStreamer,
): Promise<void> {
  const command = await toSynthesizeCommand(call.request, userId);
  const format = command.config?.output_format ?? 'wav';
  const createEncoder = streamingEncoderFactory(format);
  const cancelled = new AbortController();
  call.once('cancelled', () => cancelled.abort());
  const stream = await streamer.open(command, cancelled.signal);
  const { plan } = stream;
  const chunks = encodeChunks(timedChunks(stream.sentences, plan.sentences.length), createEncoder(plan.sample_rate));
  for await (const chunk of chunks) {
    if (call.cancelled) return;
    const message: GrpcSynthesizeStreamChunk = {
      synthesis_id: plan.synthesis_id,
      sequence_number: chunk.sequence,
      audio: chunk.bytes,
      format: plan.format,
      sample_rate: chunk.sampleRate,
      duration_seconds: chunk.duration,
      words: chunk.words.map((word) => ({ word: word.word, start_seconds: word.start, end_seconds: word.end })),
      last: chunk.last,
    };
    if (!call.write(message)) await once(call, 'drain', { signal: cancelled.signal });
  }
}
