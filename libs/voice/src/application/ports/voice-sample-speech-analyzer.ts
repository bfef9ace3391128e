import type { PcmAudio } from '#audio';
import type { VoiceSampleMetrics } from '../../domain/samples/index.js';

/** Measures a decoded recording (loudness, clipping, silence, SNR, pitch, rate, quality). */
export abstract class VoiceSampleSpeechAnalyzer {
  abstract analyze(audio: PcmAudio, source: { sampleRate: number; channels: number }): VoiceSampleMetrics;
}
