import type { Provider } from '@nestjs/common';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { VoiceSampleAudioInspector } from '../../application/ports/voice-sample-audio-inspector.js';
import { VoiceSampleUploadQuota } from '../../application/ports/voice-sample-upload-quota.js';
import { VoiceSampleRepository } from '../../application/ports/voice-sample.repository.js';
import { voiceSampleHandlers } from '../../application/samples/index.js';
import { DailyVoiceSampleUploadQuota } from '../persistence/daily-voice-sample-upload-quota.js';
import { SqlVoiceSampleRepository } from '../persistence/sql-voice-sample.repository.js';
import { VOICE_MODULE_OPTIONS, type VoiceModuleOptions } from '../../voice-module-options.js';
import { InProcessVoiceSampleAudioInspector } from './in-process-voice-sample-audio-inspector.js';
import { WorkerThreadVoiceSampleAudioInspector } from './worker-thread-voice-sample-audio-inspector.js';

/** Voice samples: their adapters and use cases. Needs the module's TypeOrmUnitOfWork, UnitOfWork, BlobStore, JobRunner and options. */
export const voiceSampleProviders: Provider[] = [
  { provide: VoiceSampleRepository, useClass: SqlVoiceSampleRepository },
  { provide: VoiceSampleUploadQuota, useClass: DailyVoiceSampleUploadQuota },
  {
    provide: VoiceSampleAudioInspector,
    useFactory: (options: VoiceModuleOptions, logger?: Logger) =>
      options.samples.audioThreads > 0
        ? new WorkerThreadVoiceSampleAudioInspector(options.samples.audioThreads, logger)
        : new InProcessVoiceSampleAudioInspector(),
    inject: [VOICE_MODULE_OPTIONS, { token: APP_LOGGER, optional: true }],
  },
  ...voiceSampleHandlers,
];
