/** Wire shapes of voice samples (snake_case, as the REST API shows them). */

export const VOICE_SAMPLE_STATUSES = ['uploaded', 'ready', 'rejected'] as const;
export type VoiceSampleStatus = (typeof VOICE_SAMPLE_STATUSES)[number];

/** Formats a sample may arrive in, recognised by their bytes. */
export const VOICE_SAMPLE_FORMATS = ['wav', 'mp3', 'flac', 'ogg'] as const;
export type VoiceSampleFormat = (typeof VOICE_SAMPLE_FORMATS)[number];

export const VOICE_SAMPLE_SORT_FIELDS = ['created_at', 'name', 'quality_score'] as const;
export type VoiceSampleSortField = (typeof VOICE_SAMPLE_SORT_FIELDS)[number];

/** What the analysis measured (null until the sample is analysed). */
export interface VoiceSampleAnalysisView {
  sample_rate: number;
  channels: number;
  /** Integrated loudness, LUFS. */
  loudness_lufs: number;
  peak_dbfs: number;
  /** Share of samples at full scale, 0–1. */
  clipping_ratio: number;
  /** Share of the time without speech, 0–1. */
  silence_ratio: number;
  snr_db: number;
  pitch: { median_hz: number; min_hz: number; max_hz: number } | null;
  /** Syllable-like energy peaks per second of speech. */
  speaking_rate: number;
  /** Why the quality score is lower than 10 ("too quiet", "clipping 3 %"…). */
  quality_issues: string[];
  analyzed_at: string;
}

/** The upload answer, exactly the Voxify API text's shape plus the id of the analysis job. */
export interface VoiceSampleUploadView {
  sample_id: string;
  name: string;
  description: string | null;
  status: VoiceSampleStatus;
  format: VoiceSampleFormat;
  /** Seconds of audio. */
  duration: number;
  language: string;
  file_size: number;
  created_at: string;
  analysis_job_id: string | null;
}

/** `GET /api/v1/voice/samples/{id}`: the upload's fields, the analysis and its verdict. */
export interface VoiceSampleView extends VoiceSampleUploadView {
  quality_score: number | null;
  /** Why the sample is `rejected` (empty otherwise). */
  rejection_reasons: string[];
  analysis: VoiceSampleAnalysisView | null;
  updated_at: string;
}

/** One row of `GET /api/v1/voice/samples`. */
export interface VoiceSampleSummaryView {
  sample_id: string;
  name: string;
  status: VoiceSampleStatus;
  format: VoiceSampleFormat;
  duration: number;
  language: string;
  quality_score: number | null;
  created_at: string;
}

/** Who asks: the owner sees their own samples, an admin every sample. */
export interface VoiceSampleRequester {
  user_id: string;
  admin: boolean;
}
