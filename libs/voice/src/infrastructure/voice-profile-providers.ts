import type { Provider } from '@nestjs/common';
import { ProfileBuiltinSpeakers } from '../application/fitter/profile-builtin-speakers.js';
import { SpeakerMixFitter } from '../application/fitter/speaker-mix-fitter.js';
import { CandidateRenderer } from '../application/ports/fitter-candidate-renderer.js';
import { FitterSpeechMeter } from '../application/ports/fitter-speech-meter.js';
import { TrainingSampleSource } from '../application/ports/training-sample-source.js';
import { VoiceFitter } from '../application/ports/voice-fitter.js';
import { VoiceProfileRepository } from '../application/ports/voice-profile.repository.js';
import { DeleteVoiceProfileHandler } from '../application/profiles/delete-voice-profile.handler.js';
import { VoiceProfileQueriesHandler } from '../application/profiles/voice-profile-queries.handler.js';
import { FindSimilarVoicesHandler } from '../application/similar/find-similar-voices.handler.js';
import { TrainVoiceProfileHandler } from '../application/training/train-voice-profile.handler.js';
import { VoiceTrainingJob } from '../application/training/voice-training.job.js';
import { AudioFitterSpeechMeter } from './fitter/audio-fitter-speech-meter.js';
import { BusFitterCandidateRenderer } from './fitter/bus-fitter-candidate-renderer.js';
import { SqlTrainingSampleSource } from './persistence/sql-training-sample.source.js';
import { SqlVoiceProfileRepository } from './persistence/sql-voice-profile.repository.js';

/** Voice profiles: training (job and fitter), the catalog of profiles, similarity, and the resolve query synthesis asks. */
export const voiceProfileProviders: Provider[] = [
  { provide: VoiceProfileRepository, useClass: SqlVoiceProfileRepository },
  { provide: TrainingSampleSource, useClass: SqlTrainingSampleSource },
  { provide: CandidateRenderer, useClass: BusFitterCandidateRenderer },
  { provide: FitterSpeechMeter, useClass: AudioFitterSpeechMeter },
  { provide: VoiceFitter, useClass: SpeakerMixFitter },
  ProfileBuiltinSpeakers,
  TrainVoiceProfileHandler,
  VoiceTrainingJob,
  VoiceProfileQueriesHandler,
  DeleteVoiceProfileHandler,
  FindSimilarVoicesHandler,
];
