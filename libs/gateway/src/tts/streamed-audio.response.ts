import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { ApplicationError, SynthesisErrorCode, type AudioFormat } from '#contracts';
import type { SentenceStream } from './sentence-streamer.js';
import { streamAudioFormat, streamingEncoderFactory } from './stream-audio-formats.js';
import { encodeChunks, primed, timedChunks, type EncodedAudioChunk } from './streamed-audio.js';
import { OVERLOADED_RETRY_AFTER_SECONDS } from './tts.http.controller.js';

/** Aborts when the client goes away before the response is complete. */
export function abortWhenClosed(reply: FastifyReply): AbortSignal {
  const closed = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) closed.abort();
  });
  return closed.signal;
}

/** Rethrows `error`, asking the client to retry shortly when the synthesis queue was full. */
export function retryAfterOverload(error: unknown, reply: FastifyReply): never {
  if (error instanceof ApplicationError && error.code === SynthesisErrorCode.OVERLOADED) {
    reply.header('retry-after', String(OVERLOADED_RETRY_AFTER_SECONDS));
  }
  throw error;
}

/**
 * The stream's encoded chunks, the first one awaited: a failure up to the first sentence is thrown
 * here (and answered as a JSON error), later ones end the response body.
 */
export async function firstChunkReady(
  stream: SentenceStream,
  format: AudioFormat,
  reply: FastifyReply,
): Promise<AsyncGenerator<EncodedAudioChunk>> {
  const encoder = streamingEncoderFactory(format)(stream.plan.sample_rate);
  return primed(encodeChunks(timedChunks(stream.sentences, stream.plan.sentences.length), encoder)).catch((error: unknown) =>
    retryAfterOverload(error, reply),
  );
}

/** Sends the chunks' bytes as a chunked audio body (no Content-Length), each as soon as it exists. */
export function sendChunkedAudio(
  reply: FastifyReply,
  stream: SentenceStream,
  chunks: AsyncIterable<EncodedAudioChunk>,
  onError: (error: unknown) => void,
): FastifyReply {
  const bytes = (async function* () {
    for await (const chunk of chunks) if (chunk.bytes.length > 0) yield chunk.bytes;
  })();
  const body = Readable.from(bytes, { objectMode: false });
  body.once('error', onError);
  return reply
    .code(200)
    .header('content-type', streamAudioFormat(stream.plan.format).contentType)
    .header('cache-control', 'no-store')
    .header('x-synthesis-id', stream.plan.synthesis_id)
    .header('x-sample-rate', String(stream.plan.sample_rate))
    .send(body);
}

/** Sends each line as it is produced, as `text/event-stream`. */
export function sendServerSentEvents(reply: FastifyReply, lines: AsyncIterable<string>): FastifyReply {
  return reply
    .code(200)
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    .header('x-accel-buffering', 'no')
    .send(Readable.from(lines, { objectMode: false }));
}
