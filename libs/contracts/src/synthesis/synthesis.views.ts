/** Wire shapes of the synthesis context (snake_case, as the REST API shows them). */
import type { WordTimestampView } from './synthesis-stream.messages.js';

export const AUDIO_FORMATS = ['wav', 'pcm', 'mp3', 'ogg', 'flac'] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];

export interface SynthesisSettings {
  output_format?: AudioFormat;
  /** Hz; the voice's own rate when absent. */
  sample_rate?: number;
  /** 0.25–4; 1 is the voice's own pace. */
  speed?: number;
  /** Frequency factor 0.5–2 (1 = the voice's own pitch), without changing the tempo. */
  pitch?: number;
  /** 0–2 gain, limited so it never clips. */
  volume?: number;
  /** Answer `timestamps` (the words with their times) with the result. */
  timestamps?: boolean;
}

export interface SynthesisResultView {
  synthesis_id: string;
  file_id: string;
  /** A signed path (`/api/v1/files/<id>?expires=…&signature=…`) that works without a token. */
  audio_url: string;
  /** Seconds. */
  duration: number;
  format: AudioFormat;
  sample_rate: number;
  /** Only when `config.timestamps` was true: each word, in seconds from the start of the whole audio. */
  timestamps?: WordTimestampView[];
}

/** One voice × speaker, addressable by `voice_id`. */
export interface VoiceView {
  voice_id: string;
  name: string;
  speaker: string | null;
  language: string;
  sample_rate: number;
  num_speakers: number;
}
