import type { VoiceSampleFormat } from '#contracts';
import type { VoiceSampleMetrics } from '../../domain/samples/index.js';

/** Limits of one decode: the longest audio accepted and the wall-clock budget. */
export interface SampleDecodeLimits {
  maxSeconds: number;
  timeoutMs: number;
}

/** What a sample's bytes hold, as checked by decoding them whole. */
export interface SampleAudioSummary {
  format: VoiceSampleFormat;
  /** Channels and rate of the source. */
  channels: number;
  sampleRate: number;
  durationSeconds: number;
}

export interface SampleMeasurementRequest {
  limits: SampleDecodeLimits;
  /** Rate of the normalised copy kept for training. */
  trainingSampleRate: number;
  /** The length recorded at upload, which the verdict is judged with. */
  uploadedDurationSeconds: number;
}

export interface SampleMeasurement {
  summary: SampleAudioSummary;
  metrics: VoiceSampleMetrics;
  /** The normalised mono WAV kept for training; null when the sample is not good enough to train from. */
  trainingCopy: Uint8Array | null;
}

/**
 * Decodes and measures a sample's audio. Ten minutes of audio take seconds of CPU, so adapters run
 * this away from the service's event loop where they can. Refusals are INVALID_AUDIO with the reason.
 */
export abstract class VoiceSampleAudioInspector {
  /** The upload's check: format, channels, rate and real length of the whole file. */
  abstract inspect(bytes: Uint8Array, limits: SampleDecodeLimits): Promise<SampleAudioSummary>;

  /** The analysis: the same check, the metrics, and the training copy when the verdict is `ready`. */
  abstract measure(bytes: Uint8Array, request: SampleMeasurementRequest): Promise<SampleMeasurement>;
}
