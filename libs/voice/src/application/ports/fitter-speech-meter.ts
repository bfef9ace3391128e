/** The speaker-relevant measurements of some speech. */
export interface SpeakerMeasurement {
  /** The speaker-statistics vector (pitch and spectral-envelope statistics) that distances compare. */
  statistics: number[];
  pitchHz: number | null;
  /** Syllable-like peaks per second of speech. */
  speakingRate: number | null;
  /** Level of each spectral band, dB (the bands the engine's spectral gains apply to). */
  bandLevelsDb: number[] | null;
}

/** Measures speech and compares speakers: the fitter's objective and the similarity of voices. */
export abstract class FitterSpeechMeter {
  abstract measure(samples: Float32Array, sampleRate: number): SpeakerMeasurement;
  /** What a stored statistics vector says on its own (pitch, rate and envelope are entries of it). */
  abstract fromStatistics(statistics: readonly number[]): SpeakerMeasurement;
  /** Infinity when either vector is empty (speech without a voiced frame has no statistics). */
  abstract distance(a: readonly number[], b: readonly number[]): number;
}
