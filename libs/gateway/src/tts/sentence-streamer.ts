import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  PlanSynthesisQuery,
  RENDER_SENTENCE_TIMEOUT_MS,
  RenderSentenceQuery,
  type PayloadOf,
  type RenderedSentenceView,
  type SynthesisPlanView,
  type WordTimestampView,
} from '#contracts';
import { int16ToFloat } from '#audio';
import { MessageBus } from '#messaging';

/** Sentences rendered ahead of the one being sent: enough to keep a few synthesis instances busy. */
export const DEFAULT_SENTENCE_WINDOW = 3;
export const SENTENCE_WINDOW = Symbol('SENTENCE_WINDOW');

export type StreamSynthesisRequest = PayloadOf<typeof PlanSynthesisQuery>;

/** One rendered sentence, decoded. */
export interface StreamedSentence {
  index: number;
  /** Mono samples at the plan's sample rate (volume applied), without the pause. */
  samples: Float32Array;
  sampleRate: number;
  /** Seconds of silence after it when another sentence follows. */
  pauseAfter: number;
  /** Seconds from the start of this sentence. */
  words: WordTimestampView[];
}

export interface SentenceStream {
  readonly plan: SynthesisPlanView;
  /**
   * The sentences in order. The first is rendered alone, then up to `window` renders are in flight at
   * once, each on whichever synthesis instance takes it; stopping the iteration (or the signal) requests no more.
   */
  readonly sentences: AsyncGenerator<StreamedSentence, void, undefined>;
}

/**
 * Drives a streamed synthesis over the bus: one PlanSynthesisQuery (validation, quota), then one
 * RenderSentenceQuery per sentence, pipelined so that the first audio is ready after the first sentence
 * and later ones render in parallel on competing synthesis instances.
 */
@Injectable()
export class SentenceStreamer {
  private readonly window: number;

  constructor(
    private readonly bus: MessageBus,
    @Optional() @Inject(SENTENCE_WINDOW) window?: number,
  ) {
    this.window = Math.max(1, window ?? DEFAULT_SENTENCE_WINDOW);
  }

  /** Plans the synthesis (its errors are thrown here, before any audio); renders start when iterated. */
  async open(request: StreamSynthesisRequest, signal?: AbortSignal): Promise<SentenceStream> {
    const plan = await this.bus.query(PlanSynthesisQuery, request);
    return { plan, sentences: this.render(plan, request, signal) };
  }

  private async *render(plan: SynthesisPlanView, request: StreamSynthesisRequest, signal?: AbortSignal): AsyncGenerator<StreamedSentence> {
    const { output_format: _format, ...settings } = request.config ?? {};
    const config = { ...settings, sample_rate: plan.sample_rate };
    const inFlight: Array<Promise<RenderedSentenceView>> = [];
    let next = 0;
    const requestNext = () => {
      const sentence = plan.sentences[next++]!;
      const rendering = this.bus.query(
        RenderSentenceQuery,
        { voice_id: plan.voice_id, sentence, config, user_id: request.user_id },
        { timeoutMs: RENDER_SENTENCE_TIMEOUT_MS },
      );
      // Awaited in order below; a failure behind an earlier one must not surface as unhandled.
      rendering.catch(() => undefined);
      inFlight.push(rendering);
    };
    // The first sentence is asked for alone, so that it has the synthesis service to itself (no batch
    // or cores shared with the sentences behind it): its audio is what the listener waits for.
    let window = 1;
    const fill = () => {
      while (next < plan.sentences.length && inFlight.length < window && !signal?.aborted) requestNext();
    };
    fill();
    window = this.window;
    while (inFlight.length > 0 && !signal?.aborted) {
      const rendered = await inFlight.shift()!;
      if (signal?.aborted) return;
      fill();
      yield decodeSentence(rendered);
    }
  }
}

function decodeSentence(rendered: RenderedSentenceView): StreamedSentence {
  const bytes = Buffer.from(rendered.audio, 'base64');
  const pcm = new Int16Array(bytes.length >> 1);
  for (let i = 0; i < pcm.length; i++) pcm[i] = bytes.readInt16LE(i * 2);
  return {
    index: rendered.index,
    samples: int16ToFloat(pcm),
    sampleRate: rendered.sample_rate,
    pauseAfter: rendered.pause_after,
    words: rendered.words ?? [],
  };
}
