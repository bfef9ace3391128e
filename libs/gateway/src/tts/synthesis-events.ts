import type { WordTimestampView } from '#contracts';
import { concatWithGap, pcmAudio, type PcmAudio } from '#audio';
import { describeApiError } from '../errors/describe-api-error.js';
import type { SentenceStream } from './sentence-streamer.js';
import type { StreamAudioFormat } from './stream-audio-formats.js';
import { timedChunks } from './streamed-audio.js';

/** The `data:` objects of GET /tts/synthesize/stream, in the order they are sent. */
export type SynthesisEvent =
  | { type: 'job_info'; synthesis_id: string; estimated_duration: number }
  | { type: 'progress'; progress: number; message: string }
  | {
      type: 'audio_chunk';
      chunk_id: number;
      format: string;
      sample_rate: number;
      duration: number;
      /** Base64 of a whole file in `format`: the pause before the sentence, then the sentence. */
      audio: string;
      words?: WordTimestampView[];
    }
  | { type: 'completed'; synthesis_id: string; file_id: string; duration: number; audio_url: string }
  | { type: 'error'; code: string; message: string };

export interface SynthesisEventsOptions {
  format: StreamAudioFormat;
  /** Stores the whole audio; answers the absolute audio_url. */
  store: (audio: PcmAudio) => Promise<{ fileId: string; audioUrl: string }>;
  /** Failures after the first event are described in an `error` event and also passed here (to be logged). */
  onError?: (error: unknown) => void;
}

/**
 * job_info, then an audio_chunk and a progress event per sentence as it arrives, then completed with
 * the stored file; a failure on the way ends the stream with an error event.
 */
export async function* synthesisEvents(stream: SentenceStream, options: SynthesisEventsOptions): AsyncGenerator<SynthesisEvent> {
  const { plan } = stream;
  const total = plan.sentences.length;
  yield { type: 'job_info', synthesis_id: plan.synthesis_id, estimated_duration: plan.estimated_duration };
  yield { type: 'progress', progress: 0, message: `Synthesizing ${total} sentence${total === 1 ? '' : 's'}` };
  const parts: PcmAudio[] = [];
  try {
    for await (const chunk of timedChunks(stream.sentences, total)) {
      const audio = pcmAudio(chunk.sampleRate, chunk.samples);
      parts.push(audio);
      yield {
        type: 'audio_chunk',
        chunk_id: chunk.sequence,
        format: plan.format,
        sample_rate: chunk.sampleRate,
        duration: roundSeconds(chunk.duration),
        audio: Buffer.from(options.format.encodeFile(audio)).toString('base64'),
        ...(chunk.words.length > 0 ? { words: chunk.words } : {}),
      };
      yield { type: 'progress', progress: roundProgress(chunk.sequence / total), message: `Sentence ${chunk.sequence} of ${total}` };
    }
    const whole = concatWithGap(parts);
    const stored = await options.store(whole);
    yield {
      type: 'completed',
      synthesis_id: plan.synthesis_id,
      file_id: stored.fileId,
      duration: roundSeconds(whole.samples.length / whole.sampleRate),
      audio_url: stored.audioUrl,
    };
  } catch (error) {
    options.onError?.(error);
    const described = describeApiError(error, { unmatchedRoute: false });
    yield { type: 'error', code: described.error.code, message: described.error.message };
  }
}

/** One Server-Sent Event carrying `event` as its data. */
export function formatServerSentEvent(event: SynthesisEvent | object): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function roundProgress(progress: number): number {
  return Math.round(progress * 1000) / 1000;
}
