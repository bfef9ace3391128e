import type { Provider } from '@nestjs/common';
import { VoiceSampleSpeechAnalyzer } from '../../application/ports/voice-sample-speech-analyzer.js';
import { VoiceSampleUploadQuota } from '../../application/ports/voice-sample-upload-quota.js';
import { VoiceSampleRepository } from '../../application/ports/voice-sample.repository.js';
import { voiceSampleHandlers } from '../../application/samples/index.js';
import { DailyVoiceSampleUploadQuota } from '../persistence/daily-voice-sample-upload-quota.js';
import { SqlVoiceSampleRepository } from '../persistence/sql-voice-sample.repository.js';
import { SpeechAnalysisVoiceSampleAnalyzer } from './speech-analysis-voice-sample-analyzer.js';

/** Voice samples: their adapters and use cases. Needs the module's TypeOrmUnitOfWork, UnitOfWork, BlobStore, JobRunner and options. */
export const voiceSampleProviders: Provider[] = [
  { provide: VoiceSampleRepository, useClass: SqlVoiceSampleRepository },
  { provide: VoiceSampleUploadQuota, useClass: DailyVoiceSampleUploadQuota },
  { provide: VoiceSampleSpeechAnalyzer, useClass: SpeechAnalysisVoiceSampleAnalyzer },
  ...voiceSampleHandlers,
];
