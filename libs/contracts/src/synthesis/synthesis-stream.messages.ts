import { defineQuery } from '../messages/message-definitions.js';
import type { AudioFormat, SynthesisSettings } from './synthesis.views.js';

/**
 * One sentence of a planned synthesis: the synthesis service's own sentence plan as JSON (index, text,
 * pauseAfter, and SSML prosody or lexicon pronunciations when there are any). Others read `index` and
 * hand the object back untouched in RenderSentenceQuery, so any synthesis instance can render it.
 */
export interface PlannedSentenceView {
  /** 0-based position in the text. */
  index: number;
  /** The sentence after normalisation (numbers as words). */
  text: string;
  /** Seconds of silence after this sentence when another follows. */
  pauseAfter: number;
  [field: string]: unknown;
}

/** When a word is spoken, in seconds from the start of its sentence. */
export interface WordTimestampView {
  word: string;
  start: number;
  end: number;
}

export interface SynthesisPlanView {
  synthesis_id: string;
  /** The voice that speaks every sentence (the default one resolved). */
  voice_id: string;
  /** Hz of the output: the requested rate or the voice's own. */
  sample_rate: number;
  format: AudioFormat;
  sentences: PlannedSentenceView[];
  /** Seconds, estimated from the text before any audio exists. */
  estimated_duration: number;
}

/**
 * Validates a streamed synthesis and splits its text into sentences; this is where the stream counts
 * as one synthesis of the user's daily quota. Errors as SynthesizeSpeechCommand (VALIDATION_ERROR,
 * TEXT_TOO_LONG, VOICE_NOT_FOUND, UNSUPPORTED_FORMAT, UNSUPPORTED_SAMPLE_RATE) and QUOTA_EXCEEDED.
 */
export const PlanSynthesisQuery = defineQuery<
  { user_id: string; text: string; voice_id?: string; config?: SynthesisSettings },
  SynthesisPlanView
>('synthesis', 'synthesis.tts.plan');

export interface RenderedSentenceView {
  index: number;
  /** Base64 of signed 16-bit little-endian mono PCM at `sample_rate`, volume applied; no pause included. */
  audio: string;
  sample_rate: number;
  /** Seconds of `audio`. */
  duration: number;
  pause_after: number;
  words?: WordTimestampView[];
}

/**
 * Speaks one planned sentence through the inference queue (OVERLOADED when it is full). `config`
 * carries the request's speed, pitch, volume and the output sample_rate; its format is not used.
 */
export const RenderSentenceQuery = defineQuery<
  /** `user_id`: whose request it is (a voice profile `vp_…` is resolved for its owner only). */
  { voice_id: string; sentence: PlannedSentenceView; config: SynthesisSettings; user_id?: string },
  RenderedSentenceView
>('synthesis', 'synthesis.tts.render');

/** Reply timeout for RenderSentenceQuery: a long sentence behind a full queue still answers in time. */
export const RENDER_SENTENCE_TIMEOUT_MS = 60_000;
