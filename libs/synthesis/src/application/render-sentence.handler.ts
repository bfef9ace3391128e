import { Injectable } from '@nestjs/common';
import { RenderSentenceQuery, type PayloadOf, type ResultOf } from '#contracts';
import { applyGain, durationSeconds, encodePcm, pcmAudio, resample } from '#audio';
import { HandleMessage } from '#messaging';
import { PlatformConfigProvider } from '#service-runtime';
import { SpeechEngine } from '../engine/speech-engine.js';
import { BoundedQueue } from './bounded-queue.js';
import { validateSynthesisRequest } from './synthesis-request.js';

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
  ) {}

  @HandleMessage(RenderSentenceQuery)
  async execute(payload: PayloadOf<typeof RenderSentenceQuery>): Promise<ResultOf<typeof RenderSentenceQuery>> {
    const { sentence } = payload;
    const request = validateSynthesisRequest(
      { user_id: '', text: sentence.text, voice_id: payload.voice_id, config: payload.config },
      this.engine,
      this.platform.current().max_synthesis_length,
    );
    const plan = { index: sentence.index, text: sentence.text, pauseAfter: sentence.pause_after };
    const speech = await this.queue.run(() => this.engine.render(plan, { voiceId: request.voiceId, speed: request.speed }));
    const rate = request.sampleRate ?? speech.sampleRate;
    const audio = applyGain(resample(pcmAudio(speech.sampleRate, speech.samples), rate), request.volume);
    const pcm = encodePcm(audio);
    return {
      index: sentence.index,
      audio: Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64'),
      sample_rate: rate,
      duration: durationSeconds(audio),
      pause_after: sentence.pause_after,
    };
  }
}
