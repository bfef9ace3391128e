import type { SpeakerMeasurement } from '../ports/fitter-speech-meter.js';

const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

function meanVector(vectors: number[][]): number[] | null {
  if (vectors.length === 0) return null;
  const width = vectors[0]!.length;
  if (vectors.some((vector) => vector.length !== width)) throw new Error('Speaker statistics of different lengths');
  return Array.from({ length: width }, (_, i) => mean(vectors.map((vector) => vector[i]!))!);
}

/** What several samples of one speaker say together: the mean of their statistics and measurements. */
export function trainingTarget(measurements: readonly SpeakerMeasurement[]): SpeakerMeasurement {
  if (measurements.length === 0) throw new Error('No samples to train from');
  return {
    statistics: meanVector(measurements.map((m) => m.statistics))!,
    pitchHz: mean(measurements.flatMap((m) => (m.pitchHz ? [m.pitchHz] : []))),
    speakingRate: mean(measurements.flatMap((m) => (m.speakingRate ? [m.speakingRate] : []))),
    bandLevelsDb: meanVector(measurements.flatMap((m) => (m.bandLevelsDb ? [m.bandLevelsDb] : []))),
  };
}
