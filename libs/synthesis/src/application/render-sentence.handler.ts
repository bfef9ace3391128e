import { Injectable } from '@nestjs/common';
import { ApplicationError, ErrorCode, RenderSentenceQuery, type PayloadOf, type PlannedSentenceView, type ResultOf } from '#contracts';
import { applyGain, durationSeconds, encodePcm, pcmAudio, resample } from '#audio';
import { HandleMessage } from '#messaging';
import { PlatformConfigProvider } from '#service-runtime';
import { SpeechEngine, type SentencePlan } from '../engine/speech-engine.js';
import { BoundedQueue } from './bounded-queue.js';
import { resolveSynthesisRequest } from './synthesis-request.js';
import { VoiceProfileResolver } from './voice-profile-resolver.js';

/**
 * Speaks one sentence of a planned synthesis through the inference queue and answers it as raw
 * 16-bit PCM at the output rate with the volume applied, so that the gateway only has to encode.
 * The settings are validated again: any gateway instance may send this, with what a client asked.
 */
@Injectable()
export class RenderSentenceHandler {
  constructor(
    private readonly engine: SpeechEngine,
    private readonly queue: BoundedQueue,
    private readonly platform: PlatformConfigProvider,
    private readonly profiles: VoiceProfileResolver,
  ) {}

  @HandleMessage(RenderSentenceQuery)
  async execute(payload: PayloadOf<typeof RenderSentenceQuery>): Promise<ResultOf<typeof RenderSentenceQuery>> {
    const sentence = toSentencePlan(payload.sentence);
    const request = await resolveSynthesisRequest(
      { user_id: payload.user_id ?? '', text: sentence.text, voice_id: payload.voice_id, config: payload.config },
      this.engine,
      this.platform.current().max_synthesis_length,
      this.profiles,
    );
    const settings = {
      voiceId: request.voiceId,
      speed: request.speed,
      pitch: request.pitch,
      ...(request.speaker ? { speaker: request.speaker } : {}),
    };
    const speech = await this.queue.run(() => this.engine.render(sentence, settings));
    const rate = request.sampleRate ?? speech.sampleRate;
    // The rendered samples are this request's own: the gain goes over them in place.
    const audio = applyGain(resample(pcmAudio(speech.sampleRate, speech.samples), rate), request.volume, { inPlace: true });
    const pcm = encodePcm(audio);
    return {
      index: sentence.index,
      audio: Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64'),
      sample_rate: rate,
      duration: durationSeconds(audio),
      pause_after: speech.pauseAfter,
      words: speech.words ?? [],
    };
  }
}

/** The plan as PlanSynthesisHandler wrote it; only what rendering cannot do without is checked. */
function toSentencePlan(sentence: PlannedSentenceView): SentencePlan {
  if (!Number.isInteger(sentence.index) || typeof sentence.text !== 'string' || typeof sentence.pauseAfter !== 'number') {
    throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'sentence is not a planned sentence');
  }
  return sentence as unknown as SentencePlan;
}
