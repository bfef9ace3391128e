import type { VoiceSampleAnalysisView, VoiceSampleSummaryView, VoiceSampleUploadView, VoiceSampleView } from '#contracts';
import type { VoiceSample } from '../../domain/samples/index.js';

const round = (value: number, digits: number): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

export function toVoiceSampleUploadView(sample: VoiceSample): VoiceSampleUploadView {
  const p = sample.snapshot();
  return {
    sample_id: p.id,
    name: p.name,
    description: p.description,
    status: p.status,
    format: p.format,
    duration: round(p.durationSeconds, 3),
    language: p.language,
    file_size: p.fileSize,
    created_at: p.createdAt.toISOString(),
    analysis_job_id: p.analysisJobId,
  };
}

export function toVoiceSampleView(sample: VoiceSample): VoiceSampleView {
  const p = sample.snapshot();
  const m = p.metrics;
  const analysis: VoiceSampleAnalysisView | null =
    m === null || p.analyzedAt === null
      ? null
      : {
          sample_rate: m.sampleRate,
          channels: m.channels,
          loudness_lufs: round(m.loudnessLufs, 2),
          peak_dbfs: round(m.peakDbfs, 2),
          clipping_ratio: round(m.clippingRatio, 5),
          silence_ratio: round(m.silenceRatio, 4),
          snr_db: round(m.snrDb, 2),
          pitch: m.pitch && { median_hz: round(m.pitch.medianHz, 1), min_hz: round(m.pitch.minHz, 1), max_hz: round(m.pitch.maxHz, 1) },
          speaking_rate: round(m.speakingRate, 2),
          quality_issues: [...m.qualityIssues],
          analyzed_at: p.analyzedAt.toISOString(),
        };
  return {
    ...toVoiceSampleUploadView(sample),
    quality_score: m === null ? null : round(m.qualityScore, 1),
    rejection_reasons: [...p.rejectionReasons],
    analysis,
    updated_at: p.updatedAt.toISOString(),
  };
}

export function toVoiceSampleSummaryView(sample: VoiceSample): VoiceSampleSummaryView {
  const p = sample.snapshot();
  return {
    sample_id: p.id,
    name: p.name,
    status: p.status,
    format: p.format,
    duration: round(p.durationSeconds, 3),
    language: p.language,
    quality_score: p.metrics === null ? null : round(p.metrics.qualityScore, 1),
    created_at: p.createdAt.toISOString(),
  };
}
