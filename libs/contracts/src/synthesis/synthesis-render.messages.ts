import { defineQuery } from '../messages/message-definitions.js';

/**
 * One candidate voice of a fit, rendered without storing anything: a point of `voice`'s speaker space
 * (convex `mix_weights` of its built-in speakers, or a raw `embedding` of the table's width) plus the
 * after-synthesis corrections. Errors: VOICE_NOT_FOUND, VALIDATION_ERROR (unknown speaker, wrong width,
 * a voice without a speaker table), TEXT_TOO_LONG, OVERLOADED.
 */
export interface RenderCandidatePayload {
  /** A base voice name (`en_US-voxify-low`), not a `voice:speaker` id. */
  voice: string;
  mix_weights?: Record<string, number>;
  embedding?: number[];
  text: string;
  /** Frequency factor applied after synthesis (1 = unchanged). */
  pitch?: number;
  /** Pace factor (1 = the voice's own). */
  speed?: number;
  /** Gains in dB for the synthesis engine's spectral bands. */
  spectral_gains_db?: number[];
}

export interface RenderedCandidate {
  /** Mono signed 16-bit little-endian PCM, base64. */
  pcm_s16le_base64: string;
  sample_rate: number;
}

export const RenderCandidateQuery = defineQuery<RenderCandidatePayload, RenderedCandidate>('synthesis', 'synthesis.voice.render-candidate');

/** The built-in speakers whose embeddings make up `voice`'s speaker table (empty: the voice has none). */
export const SpeakerTableQuery = defineQuery<{ voice: string }, { voice: string; speakers: string[]; dimension: number }>(
  'synthesis',
  'synthesis.voice.speaker-table',
);
