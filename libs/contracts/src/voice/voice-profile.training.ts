import type { TrainingConfig } from './voice-profile.views.js';

/** The job type of profile training on the voice service. */
export const VOICE_TRAINING_JOB_TYPE = 'voice_training';

export const DEFAULT_TRAINING_CONFIG: TrainingConfig = { epochs: 10, learning_rate: 0.001, batch_size: 8 };
export const TRAINING_LIMITS = {
  epochs: [1, 100],
  learning_rate: [1e-5, 1],
  batch_size: [1, 256],
} as const;
