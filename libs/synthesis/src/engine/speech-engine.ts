import { clausePhonemes, phonemeIds } from '../text/phoneme-ids.js';
import { normalizeText } from '../text/normalize-text.js';
import { splitClauses, splitSentences } from '../text/split-sentences.js';
import type { VoiceDefinition, VoiceSpeaker } from '../voices/piper-voice-config.js';
import { parseVoiceId } from '../voices/voice-id.js';
import type { EspeakPhonemizer } from './espeak-phonemizer.js';
import type { VoiceCatalog } from './voice-catalog.js';
import type { VoiceSession } from './voice-session.js';

export const SENTENCE_PAUSE_SECONDS = 0.25;

export interface SpeechRequest {
  text: string;
  voiceId: string;
  /** 1 is the voice's own pace; 2 speaks twice as fast (half the length scale). */
  speed: number;
}

export interface Speech {
  samples: Float32Array;
  sampleRate: number;
}

export class UnknownVoiceError extends Error {
  constructor(readonly voiceId: string) {
    super(`Unknown voice: ${voiceId}`);
    this.name = 'UnknownVoiceError';
  }
}

/** Text → audio with a catalog voice: normalise, split, phonemise, infer per sentence, join with pauses. */
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

  async synthesize(request: SpeechRequest): Promise<Speech> {
    const { session, speaker } = this.resolve(request.voiceId);
    const voice = session.voice;
    const lengthScale = voice.scales.length / request.speed;
    const pause = new Float32Array(Math.round(SENTENCE_PAUSE_SECONDS * voice.sampleRate));
    const pieces: Float32Array[] = [];
    for (const sentence of splitSentences(normalizeText(request.text))) {
      const clauses = splitClauses(sentence);
      if (clauses.length === 0) continue;
      const ipa: string[] = [];
      for (const clause of clauses) ipa.push(await this.phonemizer.phonemize(clause.text, voice.espeakVoice));
      const ids = phonemeIds(clausePhonemes(clauses, ipa), voice.phonemeIdMap);
      if (pieces.length > 0) pieces.push(pause);
      pieces.push(await session.infer(ids, speaker?.id ?? 0, lengthScale));
    }
    return { samples: concat(pieces), sampleRate: voice.sampleRate };
  }

  /** One short run per voice and the phonemizer's WASM start, so the first request is not slow. */
  async warm(): Promise<void> {
    for (const voice of this.catalog.voices) {
      await this.phonemizer.warm(voice.espeakVoice);
      await this.synthesize({ text: 'Ready.', voiceId: voice.name, speed: 1 });
    }
  }
}

function concat(pieces: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(pieces.reduce((total, piece) => total + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}
