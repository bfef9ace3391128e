import type { TrainingConfig } from '#contracts';
import type { FittedVoice } from '../../domain/voice-profile/voice-profile.js';
import type { SpeakerMeasurement } from './fitter-speech-meter.js';

export interface FitRequest {
  baseVoice: string;
  target: SpeakerMeasurement;
  config: TrainingConfig;
  seed: number;
  /** The state an earlier, interrupted run saved (resume from it). */
  resumeFrom: unknown;
  /** Saves the state and reports progress (0–1); throws when the job was cancelled or lost. */
  checkpoint(state: unknown, progress: number, message: string): Promise<void>;
}

/**
 * Fits a voice to a speaker's measurements. Behind a port so that another method (a zero-shot
 * cloning model) can replace the speaker-space search without touching training or synthesis.
 */
export abstract class VoiceFitter {
  abstract fit(request: FitRequest): Promise<FittedVoice>;
  /** Rough seconds a fit with `config` takes. */
  abstract estimateSeconds(config: TrainingConfig): number;
}
