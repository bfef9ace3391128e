import type { WordTimestampView } from '#contracts';
import type { StreamingEncoder } from '#audio';
import type { StreamedSentence } from './sentence-streamer.js';

/** A sentence placed on the timeline of the whole audio: the pause before it belongs to it. */
export interface AudioChunk {
  /** 1-based. */
  sequence: number;
  /** The silence after the previous sentence, then the sentence. */
  samples: Float32Array;
  sampleRate: number;
  /** Seconds of `samples`. */
  duration: number;
  /** Seconds from the start of the whole audio. */
  words: WordTimestampView[];
  last: boolean;
}

export interface EncodedAudioChunk extends AudioChunk {
  /** The next bytes of one file in the stream's format (the last chunk includes the encoder's tail). */
  bytes: Buffer;
}

/** Sentences → chunks with their leading pause and word times on the whole audio's timeline. */
export async function* timedChunks(sentences: AsyncIterable<StreamedSentence>, sentenceCount: number): AsyncGenerator<AudioChunk> {
  let sequence = 0;
  let elapsed = 0;
  let pauseBefore = 0;
  for await (const sentence of sentences) {
    const silence = Math.round(pauseBefore * sentence.sampleRate);
    const samples = new Float32Array(silence + sentence.samples.length);
    samples.set(sentence.samples, silence);
    const sentenceStart = elapsed + silence / sentence.sampleRate;
    const duration = samples.length / sentence.sampleRate;
    sequence++;
    yield {
      sequence,
      samples,
      sampleRate: sentence.sampleRate,
      duration,
      words: sentence.words.map((word) => ({
        word: word.word,
        start: round(sentenceStart + word.start),
        end: round(sentenceStart + word.end),
      })),
      last: sequence === sentenceCount,
    };
    elapsed += duration;
    pauseBefore = sentence.pauseAfter;
  }
}

/** Chunks → the same chunks with their encoded bytes; joined in order they are one complete file. */
export async function* encodeChunks(chunks: AsyncIterable<AudioChunk>, encoder: StreamingEncoder): AsyncGenerator<EncodedAudioChunk> {
  for await (const chunk of chunks) {
    const parts = [encoder.append(chunk.samples)];
    if (chunk.last) parts.push(encoder.end());
    yield { ...chunk, bytes: Buffer.concat(parts) };
  }
}

/**
 * Waits for the first item, so that a failure before it is thrown to the caller (who can still answer
 * an error status), and returns a generator of every item from the first on. Stopping it stops the source.
 */
export async function primed<T>(source: AsyncGenerator<T>): Promise<AsyncGenerator<T>> {
  const first = await source.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* source;
  })();
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
