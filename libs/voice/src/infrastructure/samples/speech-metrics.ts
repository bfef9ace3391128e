import { analyzeSpeech, type PcmAudio } from '#audio';
import type { VoiceSampleMetrics } from '../../domain/samples/index.js';

/** #audio's analyzeSpeech, its result in the domain's terms (no pitch when nothing was voiced). */
export function speechMetrics(audio: PcmAudio, source: { sampleRate: number; channels: number }): VoiceSampleMetrics {
  const analysis = analyzeSpeech(audio.samples, audio.sampleRate);
  return {
    sampleRate: source.sampleRate,
    channels: source.channels,
    loudnessLufs: analysis.loudness_lufs,
    peakDbfs: analysis.peak_dbfs,
    clippingRatio: analysis.clipping_ratio,
    silenceRatio: analysis.silence_ratio,
    snrDb: analysis.snr_db,
    pitch:
      analysis.pitch.median_hz > 0
        ? { medianHz: analysis.pitch.median_hz, minHz: analysis.pitch.min_hz, maxHz: analysis.pitch.max_hz }
        : null,
    speakingRate: analysis.speaking_rate,
    voicedRatio: analysis.voiced_ratio,
    spectralEnvelope: [...analysis.spectral_envelope],
    qualityScore: analysis.quality_score,
    qualityIssues: [...analysis.quality_issues],
  };
}
