import { equalize, shiftPitch } from '#audio';
import { planSentences, sentencePhonemeIds, type Lexicon, type SentencePlan } from '../text/sentence-plan.js';
import type { VoiceDefinition, VoiceSpeaker } from '../voices/piper-voice-config.js';
import { InvalidVoiceIdError, parseVoiceId, type SpeakerShare } from '../voices/voice-id.js';
import type { EspeakPhonemizer } from './espeak-phonemizer.js';
import type { ExecutionProvider } from './voice-session.js';
import type { VoiceCatalog } from './voice-catalog.js';
import type { VoiceSession } from './voice-session.js';
import { wordTimings, type WordTiming } from './word-timings.js';

export { SENTENCE_PAUSE_SECONDS, type SentencePlan } from '../text/sentence-plan.js';
export type { WordTiming } from './word-timings.js';

/** A speaker point of its own (a voice profile): fed as the speaker embedding with weight 1 on the base voice. */
export interface CustomSpeaker {
  embedding: Float32Array;
  /** Band gains in dB applied after inference (`equalize` from #audio). */
  spectralGainsDb?: readonly number[];
}

export interface SpeechRequest {
  text: string;
  voiceId: string;
  /** 1 is the voice's own pace; 2 speaks twice as fast (half the length scale). */
  speed: number;
  /** Frequency factor applied after inference; 1 (or absent) leaves the voice's pitch. */
  pitch?: number;
  speaker?: CustomSpeaker;
  /** The user's pronunciations (see planSentences). */
  lexicon?: Lexicon;
}

/** Per-render settings that apply to every sentence of one request. */
export interface RenderSettings {
  voiceId: string;
  speed: number;
  /** Frequency factor applied after inference (shiftPitch); 1 (or absent) leaves the voice's pitch. */
  pitch?: number;
  /** Replaces the voice id's speaker (or mix) with this speaker point on the same voice. */
  speaker?: CustomSpeaker;
}

export interface Speech {
  samples: Float32Array;
  sampleRate: number;
  /** Word times in seconds from the start of `samples`, when known. */
  words?: WordTiming[];
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

/** A catalog voice id resolved to its session and speaker: a table speaker, or a mix of them fed as an embedding. */
export interface ResolvedVoice {
  session: VoiceSession;
  /** The speaker whose sid is fed (the first of a mix; the embedding then overrides it). */
  speaker: VoiceSpeaker | undefined;
  /** Present for a mix: the mixed speaker vector, fed with weight 1. */
  embedding?: Float32Array;
  mix?: SpeakerShare[];
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

  /** The execution provider each voice runs on (after any fallback to cpu), by voice name. */
  get providers(): Record<string, ExecutionProvider> {
    return Object.fromEntries(this.catalog.voices.map((voice) => [voice.name, this.catalog.session(voice.name)!.provider]));
  }

  /** Throws UnknownVoiceError for an unknown voice or speaker, a malformed mix, or a mix on a voice without speaker embeddings. */
  resolve(voiceId: string): ResolvedVoice {
    let ref;
    try {
      ref = parseVoiceId(voiceId);
    } catch (error) {
      if (error instanceof InvalidVoiceIdError) throw new UnknownVoiceError(voiceId);
      throw error;
    }
    const session = this.catalog.session(ref.voice);
    if (!session) throw new UnknownVoiceError(voiceId);
    const speakers = session.voice.speakers;
    const find = (name: string) => {
      const speaker = speakers.find((candidate) => candidate.name === name);
      if (!speaker) throw new UnknownVoiceError(voiceId);
      return speaker;
    };
    if (ref.mix) {
      const table = session.voice.speakerEmbeddings;
      if (!table || !session.acceptsSpeakerEmbedding) throw new UnknownVoiceError(voiceId);
      const first = find(ref.mix[0]!.speaker);
      const embedding = new Float32Array(table.dim);
      for (const share of ref.mix) {
        find(share.speaker);
        const row = table.rows.get(share.speaker)!;
        for (let i = 0; i < embedding.length; i++) embedding[i]! += share.weight * row[i]!;
      }
      return { session, speaker: first, embedding, mix: ref.mix };
    }
    if (ref.speaker === undefined) return { session, speaker: speakers[0] };
    return { session, speaker: find(ref.speaker) };
  }

  /** The speaker vector of a catalog voice, speaker or mix id (a copy), for voice profiles. */
  speakerEmbedding(voiceId: string): Float32Array {
    const resolved = this.resolve(voiceId);
    if (resolved.embedding) return resolved.embedding;
    const table = resolved.session.voice.speakerEmbeddings;
    const row = resolved.speaker && table?.rows.get(resolved.speaker.name);
    if (!row || !resolved.session.acceptsSpeakerEmbedding) throw new UnknownVoiceError(voiceId);
    return Float32Array.from(row);
  }

  /** The speaker table of a voice: one row per speaker name (copies). */
  embeddingTable(voiceName: string): ReadonlyMap<string, Float32Array> {
    const session = this.catalog.session(voiceName);
    const table = session?.voice.speakerEmbeddings;
    if (!session || !table || !session.acceptsSpeakerEmbedding) throw new UnknownVoiceError(voiceName);
    return new Map([...table.rows].map(([name, row]) => [name, Float32Array.from(row)]));
  }

  /** The sentences of `request.text`, in order (throws UnknownVoiceError for an unknown voice). */
  plan(request: SpeechRequest): SentencePlan[] {
    this.resolve(request.voiceId);
    return planSentences({ text: request.text, ...(request.lexicon ? { lexicon: request.lexicon } : {}) });
  }

  /**
   * One sentence's audio and word times. The sentence's own prosody (SSML rate, pitch, volume)
   * multiplies the settings'. Concurrent renders on one voice are micro-batched.
   */
  async render(sentence: SentencePlan, settings: RenderSettings): Promise<SentenceSpeech> {
    const resolved = this.resolve(settings.voiceId);
    const { session } = resolved;
    const voice = session.voice;
    const speed = settings.speed * (sentence.rate ?? 1);
    const pitch = (settings.pitch ?? 1) * (sentence.pitch ?? 1);
    const embedding = settings.speaker?.embedding ?? resolved.embedding;
    const ids = await sentencePhonemeIds(sentence, (text) => this.phonemizer.phonemize(text, voice.espeakVoice), voice.phonemeIdMap);
    const result = await session.infer(
      { ids, sid: resolved.speaker?.id ?? 0 },
      { lengthScale: voice.scales.length / speed, ...(embedding ? { embedding } : {}) },
    );
    let samples = result.samples;
    const words = wordTimings({
      text: sentence.text,
      ids,
      ...(result.durations ? { durations: result.durations } : {}),
      seconds: samples.length / voice.sampleRate,
      phonemeIdMap: voice.phonemeIdMap,
    });
    if (pitch !== 1) samples = shiftPitch(samples, voice.sampleRate, pitch);
    const gains = settings.speaker?.spectralGainsDb;
    if (gains && gains.some((gain) => gain !== 0)) samples = equalize(samples, voice.sampleRate, gains);
    const volume = sentence.volume ?? 1;
    if (volume !== 1) samples = samples.map((sample) => sample * volume);
    return { index: sentence.index, samples, sampleRate: voice.sampleRate, pauseAfter: sentence.pauseAfter, words };
  }

  async synthesize(request: SpeechRequest): Promise<Speech> {
    const settings: RenderSettings = {
      voiceId: request.voiceId,
      speed: request.speed,
      ...(request.pitch !== undefined ? { pitch: request.pitch } : {}),
      ...(request.speaker ? { speaker: request.speaker } : {}),
    };
    // All sentences at once: they share micro-batches and inference workers instead of queueing one by one.
    const parts = await Promise.all(this.plan(request).map((sentence) => this.render(sentence, settings)));
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

/** The sentences in order with each one's pause between them (none after the last); word times shifted to match. */
export function joinSentences(parts: readonly SentenceSpeech[], sampleRate: number): Speech {
  const pauses = parts.map((part, i) => (i < parts.length - 1 ? Math.round(part.pauseAfter * sampleRate) : 0));
  const total = parts.reduce((sum, part, i) => sum + part.samples.length + pauses[i]!, 0);
  const out = new Float32Array(total);
  const words: WordTiming[] = [];
  let offset = 0;
  parts.forEach((part, i) => {
    out.set(part.samples, offset);
    const start = offset / sampleRate;
    for (const word of part.words ?? []) words.push({ word: word.word, start: round(start + word.start), end: round(start + word.end) });
    offset += part.samples.length + pauses[i]!;
  });
  return parts.every((part) => part.words) ? { samples: out, sampleRate, words } : { samples: out, sampleRate };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
