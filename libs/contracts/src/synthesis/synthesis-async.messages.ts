import { defineCommand } from '../messages/message-definitions.js';
import type { AudioFormat, SynthesisSettings } from './synthesis.views.js';

/** The job type of an asynchronous synthesis (`GET /api/v1/jobs?type=speech_synthesis`). */
export const SPEECH_SYNTHESIS_JOB_TYPE = 'speech_synthesis';

/** Longest text an asynchronous synthesis accepts, in characters. */
export const MAX_ASYNC_SYNTHESIS_LENGTH = 100_000;

export interface SynthesisJobAcceptedView {
  synthesis_id: string;
  job_id: string;
  /** Seconds of audio the text is expected to make (the finished job's `duration` is the measured value). */
  estimated_duration: number;
  status: 'pending';
}

/**
 * What a completed `speech_synthesis` job shows as its `result` (`GET /api/v1/jobs/{job_id}`): the
 * same fields as a synchronous synthesis; `audio_url` is a signed path that expires
 * (SYNTHESIS_AUDIO_URL_TTL_SECONDS after the job ended), `file_id` stays usable with credentials.
 */
export interface SynthesisJobResultView {
  synthesis_id: string;
  file_id: string;
  audio_url: string;
  /** Seconds. */
  duration: number;
  format: AudioFormat;
  sample_rate: number;
  [key: string]: string | number;
}

/**
 * Validates the request (the same rules as the synchronous one, up to MAX_ASYNC_SYNTHESIS_LENGTH
 * characters) and creates a `speech_synthesis` job; the audio is rendered in checkpointed chunks.
 * Errors (before any job exists): VALIDATION_ERROR, TEXT_TOO_LONG, VOICE_NOT_FOUND,
 * UNSUPPORTED_FORMAT, UNSUPPORTED_SAMPLE_RATE.
 */
export const SynthesizeAsyncCommand = defineCommand<
  { user_id: string; text: string; voice_id?: string; config?: SynthesisSettings },
  SynthesisJobAcceptedView
>('synthesis', 'synthesis.tts.synthesize-async');
