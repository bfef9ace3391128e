import { AnalyzeVoiceSampleJob } from './analyze-voice-sample.job.js';
import { CheckVoiceSampleUploadHandler } from './check-voice-sample-upload.handler.js';
import { DeleteVoiceSampleHandler } from './delete-voice-sample.handler.js';
import { GetVoiceSampleHandler } from './get-voice-sample.handler.js';
import { ListVoiceSamplesHandler } from './list-voice-samples.handler.js';
import { UpdateVoiceSampleHandler } from './update-voice-sample.handler.js';
import { UploadVoiceSampleHandler } from './upload-voice-sample.handler.js';
import { VoiceSampleStatsHandler } from './voice-sample-stats.handler.js';

export * from './voice-sample-analysis.job-type.js';
export * from './voice-sample-audio.js';
export * from './voice-sample-normalization.js';

/** The providers of the voice-sample use cases (message handlers and the analysis job). */
export const voiceSampleHandlers = [
  UploadVoiceSampleHandler,
  CheckVoiceSampleUploadHandler,
  GetVoiceSampleHandler,
  ListVoiceSamplesHandler,
  UpdateVoiceSampleHandler,
  DeleteVoiceSampleHandler,
  VoiceSampleStatsHandler,
  AnalyzeVoiceSampleJob,
];
