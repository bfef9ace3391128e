/** What the analysis measured on a sample (the domain's copy of #audio's SpeechAnalysis, plus the source's shape). */
export interface VoiceSampleMetrics {
  readonly sampleRate: number;
  readonly channels: number;
  readonly loudnessLufs: number;
  readonly peakDbfs: number;
  readonly clippingRatio: number;
  readonly silenceRatio: number;
  readonly snrDb: number;
  readonly pitch: { readonly medianHz: number; readonly minHz: number; readonly maxHz: number } | null;
  readonly speakingRate: number;
  /** Share of the speech-active time that is voiced, 0–1. */
  readonly voicedRatio: number;
  /** dB per band relative to the bands' mean (#audio's SPECTRAL_BANDS_HZ): the timbre a profile is fitted to. */
  readonly spectralEnvelope: readonly number[];
  /** 0–10. */
  readonly qualityScore: number;
  readonly qualityIssues: readonly string[];
}

export interface VoiceSampleVerdict {
  readonly status: 'ready' | 'rejected';
  readonly reasons: readonly string[];
}

/** Below these a sample cannot teach a voice anything; above them it is kept even if imperfect. */
export const SAMPLE_ACCEPTANCE = {
  minSpeechSeconds: 1,
  minLoudnessLufs: -45,
  maxSilenceRatio: 0.85,
  maxClippingRatio: 0.05,
  minSnrDb: 3,
  minQualityScore: 2,
} as const;

const percent = (ratio: number): string => `${Math.round(ratio * 1000) / 10} %`;

/** `ready` unless something makes the sample useless for training; `rejected` with every reason otherwise. */
export function judgeVoiceSample(metrics: VoiceSampleMetrics, durationSeconds: number): VoiceSampleVerdict {
  const reasons: string[] = [];
  const speechSeconds = durationSeconds * (1 - metrics.silenceRatio);
  if (speechSeconds < SAMPLE_ACCEPTANCE.minSpeechSeconds)
    reasons.push(`too short: ${speechSeconds.toFixed(1)} s of speech (at least ${SAMPLE_ACCEPTANCE.minSpeechSeconds} s)`);
  if (metrics.silenceRatio > SAMPLE_ACCEPTANCE.maxSilenceRatio) reasons.push(`mostly silence (${percent(metrics.silenceRatio)})`);
  if (!(metrics.loudnessLufs >= SAMPLE_ACCEPTANCE.minLoudnessLufs))
    reasons.push(`too quiet (${Number.isFinite(metrics.loudnessLufs) ? metrics.loudnessLufs.toFixed(1) : '-∞'} LUFS)`);
  if (metrics.clippingRatio > SAMPLE_ACCEPTANCE.maxClippingRatio) reasons.push(`heavily clipped (${percent(metrics.clippingRatio)})`);
  if (metrics.snrDb < SAMPLE_ACCEPTANCE.minSnrDb) reasons.push(`too noisy (SNR ${metrics.snrDb.toFixed(1)} dB)`);
  if (metrics.pitch === null) reasons.push('no voiced speech found');
  if (reasons.length === 0 && metrics.qualityScore < SAMPLE_ACCEPTANCE.minQualityScore)
    reasons.push(`quality too low (${metrics.qualityScore.toFixed(1)} / 10)`);
  return { status: reasons.length === 0 ? 'ready' : 'rejected', reasons };
}
