import type { PcmAudio } from '#audio';
import { judgeVoiceSample, type VoiceSampleMetrics } from '../../domain/samples/index.js';
import type {
  SampleAudioSummary,
  SampleDecodeLimits,
  SampleMeasurement,
  SampleMeasurementRequest,
} from '../ports/voice-sample-audio-inspector.js';
import { inspectSampleAudio } from './voice-sample-audio.js';
import { normalizedTrainingCopy } from './voice-sample-normalization.js';

/** Measures decoded speech (loudness, clipping, silence, SNR, pitch, rate, quality). */
export type SpeechMeter = (audio: PcmAudio, source: { sampleRate: number; channels: number }) => VoiceSampleMetrics;

/** The upload's check, without the decoded audio. */
export async function summarizeSampleAudio(bytes: Uint8Array, limits: SampleDecodeLimits): Promise<SampleAudioSummary> {
  const { format, channels, sampleRate, durationSeconds } = await inspectSampleAudio(bytes, limits);
  return { format, channels, sampleRate, durationSeconds };
}

/** Decodes, measures, judges, and makes the training copy of a sample that is good enough. */
export async function measureVoiceSample(
  bytes: Uint8Array,
  request: SampleMeasurementRequest,
  meter: SpeechMeter,
): Promise<SampleMeasurement> {
  const { audio, format, channels, sampleRate, durationSeconds } = await inspectSampleAudio(bytes, request.limits);
  const metrics = meter(audio, { sampleRate, channels });
  const ready = judgeVoiceSample(metrics, request.uploadedDurationSeconds).status === 'ready';
  return {
    summary: { format, channels, sampleRate, durationSeconds },
    metrics,
    trainingCopy: ready ? normalizedTrainingCopy(audio, metrics.loudnessLufs, request.trainingSampleRate) : null,
  };
}
