import { SPECTRAL_BAND_COUNT } from '../dsp/spectral-bands.js';
import { semitonesBetween } from './pitch-units.js';
import type { SpeechAnalysis } from './speech-analysis.js';

/** Reference for the pitch entry: the vector holds semitones above 100 Hz (Hz = 100 · 2^(entry / 12)). */
export const SPEAKER_PITCH_REFERENCE_HZ = 100;

/** Layout of the speakerStatistics vector. */
export const SPEAKER_STATISTICS = Object.freeze({
  /** Median pitch, semitones re 100 Hz (a log of the median). */
  pitch: 0,
  /** Pitch spread: semitones from the 5th to the 95th percentile. */
  pitchSpread: 1,
  /** First of the SPECTRAL_BAND_COUNT spectral-envelope bands, dB relative to their mean. */
  envelope: 2,
  /** Syllable nuclei per second of active time. */
  speakingRate: 2 + SPECTRAL_BAND_COUNT,
  length: 3 + SPECTRAL_BAND_COUNT,
});

/**
 * Weight of each entry's squared difference in speakerDistance. Units: semitones, semitones, dB per band,
 * syllables per second. The 12 envelope bands share 0.5 (so their term is 0.5 × the mean squared band difference).
 * For a typical pair of different speakers (4 st apart in median pitch, 2 st in spread, 4 dB rms envelope
 * difference, 0.7 syl/s) the terms are 4 + 1 + 8 + 1 = 14, pitch 29 % of it; pitch alone never outweighs the
 * rest of a typical difference.
 */
export const SPEAKER_DISTANCE_WEIGHTS: Readonly<Float32Array> = (() => {
  const weights = new Float32Array(SPEAKER_STATISTICS.length);
  weights[SPEAKER_STATISTICS.pitch] = 0.25;
  weights[SPEAKER_STATISTICS.pitchSpread] = 0.25;
  for (let band = 0; band < SPECTRAL_BAND_COUNT; band++) weights[SPEAKER_STATISTICS.envelope + band] = 0.5 / SPECTRAL_BAND_COUNT;
  weights[SPEAKER_STATISTICS.speakingRate] = 2;
  return weights;
})();

export class NoVoicedSpeechError extends RangeError {
  constructor() {
    super('No voiced speech to take voice statistics from');
    this.name = 'NoVoicedSpeechError';
  }
}

/**
 * Fixed-length (SPEAKER_STATISTICS.length = 15) vector of voice statistics for similarity search and profile
 * fitting: [median pitch (st re 100 Hz), pitch spread (st), 12 × spectral envelope (dB), speaking rate (syl/s)].
 * Throws NoVoicedSpeechError when the analysis found no voiced frame (no pitch to describe).
 */
export function speakerStatistics(analysis: SpeechAnalysis): Float32Array {
  const { median_hz, min_hz, max_hz } = analysis.pitch;
  if (!(median_hz > 0 && min_hz > 0 && max_hz > 0)) throw new NoVoicedSpeechError();
  if (analysis.spectral_envelope.length !== SPECTRAL_BAND_COUNT) {
    throw new RangeError(`Expected ${SPECTRAL_BAND_COUNT} envelope bands, got ${analysis.spectral_envelope.length}`);
  }
  const vector = new Float32Array(SPEAKER_STATISTICS.length);
  vector[SPEAKER_STATISTICS.pitch] = semitonesBetween(SPEAKER_PITCH_REFERENCE_HZ, median_hz);
  vector[SPEAKER_STATISTICS.pitchSpread] = semitonesBetween(min_hz, max_hz);
  vector.set(analysis.spectral_envelope, SPEAKER_STATISTICS.envelope);
  vector[SPEAKER_STATISTICS.speakingRate] = analysis.speaking_rate;
  return vector;
}

/** Weighted Euclidean distance between two speakerStatistics vectors: sqrt(Σ wᵢ (aᵢ − bᵢ)²), wᵢ = SPEAKER_DISTANCE_WEIGHTS. */
export function speakerDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== SPEAKER_STATISTICS.length || b.length !== SPEAKER_STATISTICS.length) {
    throw new RangeError(`Speaker statistics vectors have ${SPEAKER_STATISTICS.length} entries`);
  }
  let sum = 0;
  for (let i = 0; i < SPEAKER_STATISTICS.length; i++) {
    const difference = a[i]! - b[i]!;
    sum += SPEAKER_DISTANCE_WEIGHTS[i]! * difference * difference;
  }
  return Math.sqrt(sum);
}
