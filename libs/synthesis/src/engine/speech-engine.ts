import { planSentences, sentencePhonemeIds, type SentencePlan } from '../text/sentence-plan.js';
import type { VoiceDefinition, VoiceSpeaker } from '../voices/piper-voice-config.js';
import { parseVoiceId } from '../voices/voice-id.js';
import type { EspeakPhonemizer } from './espeak-phonemizer.js';
import type { VoiceCatalog } from './voice-catalog.js';
import type { VoiceSession } from './voice-session.js';

export { SENTENCE_PAUSE_SECONDS, type SentencePlan } from '../text/sentence-plan.js';

export interface SpeechRequest {
  text: string;
  voiceId: string;
  /** 1 is the voice's own pace; 2 speaks twice as fast (half the length scale). */
  speed: number;
}

/** Per-render settings that apply to every sentence of one request. */
export interface RenderSettings {
  voiceId: string;
  speed: number;
}

export interface Speech {
  samples: Float32Array;
  sampleRate: number;
}

/** The audio of one sentence; `pauseAfter` is not included in `samples`. */
export interface SentenceSpeech extends Speech {
  index: number;
  pauseAfter: number;
}

export class UnknownVoiceError extends Error {
  constructor(readonly voiceId: string) {
    super(`Unknown voice: ${voiceId}`);
    this.name = 'UnknownVoiceError';
  }
}

/**
 * Text → audio with a catalog voice: `plan` normalises and splits into sentences, `render` phonemises
 * and infers one sentence; `synthesize` does both and joins the sentences with their pauses.
 */
export class SpeechEngine {
  constructor(
    private readonly catalog: VoiceCatalog,
    private readonly phonemizer: EspeakPhonemizer,
  ) {}

  get voices(): VoiceDefinition[] {
    return this.catalog.voices;
  }

  resolve(voiceId: string): { session: VoiceSession; speaker: VoiceSpeaker | undefined } {
    const ref = parseVoiceId(voiceId);
    const session = this.catalog.session(ref.voice);
    if (!session) throw new UnknownVoiceError(voiceId);
    const speakers = session.voice.speakers;
    if (ref.speaker === undefined) return { session, speaker: speakers[0] };
    const speaker = speakers.find((candidate) => candidate.name === ref.speaker);
    if (!speaker) throw new UnknownVoiceError(voiceId);
    return { session, speaker };
  }

  /** The sentences of `request.text`, in order (throws UnknownVoiceError for an unknown voice). */
  plan(request: SpeechRequest): SentencePlan[] {
    this.resolve(request.voiceId);
    return planSentences({ text: request.text });
  }

  async render(sentence: SentencePlan, settings: RenderSettings): Promise<SentenceSpeech> {
    const { session, speaker } = this.resolve(settings.voiceId);
    const voice = session.voice;
    const lengthScale = voice.scales.length / settings.speed;
    const ids = await sentencePhonemeIds(sentence, (text) => this.phonemizer.phonemize(text, voice.espeakVoice), voice.phonemeIdMap);
    const samples = await session.infer(ids, speaker?.id ?? 0, lengthScale);
    return { index: sentence.index, samples, sampleRate: voice.sampleRate, pauseAfter: sentence.pauseAfter };
  }

  async synthesize(request: SpeechRequest): Promise<Speech> {
    const settings: RenderSettings = { voiceId: request.voiceId, speed: request.speed };
    const parts: SentenceSpeech[] = [];
    for (const sentence of this.plan(request)) parts.push(await this.render(sentence, settings));
    const { session } = this.resolve(request.voiceId);
    return joinSentences(parts, session.voice.sampleRate);
  }

  /** One short run per voice and the phonemizer's WASM start, so the first request is not slow. */
  async warm(): Promise<void> {
    for (const voice of this.catalog.voices) {
      await this.phonemizer.warm(voice.espeakVoice);
      await this.synthesize({ text: 'Ready.', voiceId: voice.name, speed: 1 });
    }
  }
}

/** The sentences in order with each one's pause between them (none after the last). */
export function joinSentences(parts: readonly SentenceSpeech[], sampleRate: number): Speech {
  const pauses = parts.map((part, i) => (i < parts.length - 1 ? Math.round(part.pauseAfter * sampleRate) : 0));
  const total = parts.reduce((sum, part, i) => sum + part.samples.length + pauses[i]!, 0);
  const out = new Float32Array(total);
  let offset = 0;
  parts.forEach((part, i) => {
    out.set(part.samples, offset);
    offset += part.samples.length + pauses[i]!;
  });
  return { samples: out, sampleRate };
}
