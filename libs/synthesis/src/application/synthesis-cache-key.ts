import { createHash } from 'node:crypto';
import type { AudioFormat } from '#contracts';

/** Everything that decides the bytes of a synthesis output (and its timestamps). */
export interface SynthesisCacheKeyInput {
  voiceId: string;
  text: string;
  /** The version of the user's lexicon the text was spoken with; null without one. */
  lexiconVersion?: string | number | null;
  speed: number;
  pitch: number;
  volume: number;
  format: AudioFormat;
  /** Null: the voice's own rate. */
  sampleRate: number | undefined;
  timestamps: boolean;
}

/** Bumped when the engine's output for the same input changes, so old entries stop matching. */
const KEY_VERSION = 1;

/** Hex SHA-256 of a canonical JSON (fixed key order, absent values as null) of the input. */
export function synthesisCacheKey(input: SynthesisCacheKeyInput): string {
  const canonical = JSON.stringify([
    KEY_VERSION,
    input.voiceId,
    input.text,
    input.lexiconVersion ?? null,
    input.speed,
    input.pitch,
    input.volume,
    input.format,
    input.sampleRate ?? null,
    input.timestamps,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
