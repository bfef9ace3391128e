import { Injectable } from '@nestjs/common';
import { floatToInt16, int16ToLittleEndianBytes } from '#audio';
import {
  ApplicationError,
  RenderCandidateQuery,
  SpeakerTableQuery,
  SynthesisErrorCode,
  type PayloadOf,
  type RenderedCandidate,
  type ResultOf,
} from '#contracts';
import { HandleMessage } from '#messaging';
import { PlatformConfigProvider } from '#service-runtime';
import { SpeechEngine, UnknownVoiceError } from '../engine/speech-engine.js';
import { BoundedQueue } from './bounded-queue.js';
import { PITCH_RANGE, SPEED_RANGE } from './synthesis-request.js';
import { speakerPointEmbedding } from './voice-profile-resolver.js';

/**
 * Renders candidate voices for the voice service's fitter (nothing is stored or charged: the audio
 * goes back as PCM) and tells it which speakers a voice's table has. Shares the inference queue.
 */
@Injectable()
export class RenderCandidateHandler {
  constructor(
    private readonly engine: SpeechEngine,
    private readonly queue: BoundedQueue,
    private readonly platform: PlatformConfigProvider,
  ) {}

  @HandleMessage(SpeakerTableQuery)
  async speakerTable(payload: PayloadOf<typeof SpeakerTableQuery>): Promise<ResultOf<typeof SpeakerTableQuery>> {
    try {
      const table = this.engine.embeddingTable(String(payload.voice));
      return { voice: payload.voice, speakers: [...table.keys()], dimension: table.values().next().value?.length ?? 0 };
    } catch (error) {
      if (error instanceof UnknownVoiceError) return { voice: payload.voice, speakers: [], dimension: 0 };
      throw error;
    }
  }

  @HandleMessage(RenderCandidateQuery)
  async render(payload: PayloadOf<typeof RenderCandidateQuery>): Promise<RenderedCandidate> {
    const text = typeof payload.text === 'string' ? payload.text.trim() : '';
    const maxLength = this.platform.current().max_synthesis_length;
    if (!text || text.length > maxLength) {
      throw new ApplicationError(SynthesisErrorCode.TEXT_TOO_LONG, `A candidate's text must be 1 to ${maxLength} characters`);
    }
    const voice = String(payload.voice);
    const embedding = speakerPointEmbedding(this.engine, voice, payload);
    const pitch = clamp(payload.pitch ?? 1, PITCH_RANGE);
    const speed = clamp(payload.speed ?? 1, SPEED_RANGE);
    const gains = Array.isArray(payload.spectral_gains_db) ? payload.spectral_gains_db.map(Number).filter(Number.isFinite) : [];
    const speech = await this.queue.run(() =>
      this.engine.synthesize({
        text,
        voiceId: voice,
        speed,
        pitch,
        speaker: { embedding, ...(gains.length > 0 ? { spectralGainsDb: gains } : {}) },
      }),
    );
    return {
      pcm_s16le_base64: Buffer.from(int16ToLittleEndianBytes(floatToInt16(speech.samples))).toString('base64'),
      sample_rate: speech.sampleRate,
    };
  }
}

function clamp(value: number, [low, high]: readonly [number, number]): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : 1;
}
