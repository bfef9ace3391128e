import { Inject, Injectable, Logger, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { defaultMp3Engine } from '#audio';
import { JobWorkerModule } from '#jobs';
import { PlatformConfigModule } from '#service-runtime';
import { BlobStore, createBlobStore, SignedUrlSigner } from '#storage';
import { RenderPace } from './application/async/render-pace.js';
import { SpeechSynthesisJob } from './application/async/speech-synthesis.job.js';
import { BoundedQueue } from './application/bounded-queue.js';
import { ListVoicesHandler } from './application/list-voices.handler.js';
import { PlanSynthesisHandler } from './application/plan-synthesis.handler.js';
import { RenderSentenceHandler } from './application/render-sentence.handler.js';
import { RenderCandidateHandler } from './application/render-candidate.handler.js';
import { VoiceProfileResolver } from './application/voice-profile-resolver.js';
import type { ModelReadiness } from './application/model-readiness.js';
import { SYNTHESIS_MODULE_OPTIONS, type SynthesisModuleOptions } from './application/synthesis-options.js';
import { SynthesisCache } from './application/synthesis-cache.js';
import { SynthesisMetrics } from './application/synthesis-metrics.js';
import { SynthesisQuota } from './application/synthesis-quota.js';
import { SynthesisRecords } from './application/synthesis-records.js';
import { SynthesisStatsHandler } from './application/synthesis-stats.handler.js';
import { SynthesizeAsyncHandler } from './application/synthesize-async.handler.js';
import { SynthesizeSpeechHandler } from './application/synthesize-speech.handler.js';
import { GetLexiconHandler, LexiconProvider, LexiconRepository, PutLexiconHandler } from './application/lexicon/index.js';
import { TypeOrmLexiconRepository } from './infrastructure/persistence/typeorm-lexicon.repository.js';
import { EspeakPhonemizer } from './engine/espeak-phonemizer.js';
import { tuneMallocForInference } from './engine/malloc-tuning.js';
import { SpeechEngine } from './engine/speech-engine.js';
import { VoiceCatalog } from './engine/voice-catalog.js';

/**
 * The synthesis bounded context: the voices in the models folder with their warmed sessions, the
 * inference queue and the handlers of the synthesis command and query. Audio goes to the shared
 * blob store and is registered with the storage service. Used bare (no forRoot) it registers nothing.
 */
@Injectable()
class SynthesisResources implements OnModuleDestroy {
  constructor(
    @Inject(BlobStore) private readonly blobs: BlobStore,
    @Inject(VoiceCatalog) private readonly catalog: VoiceCatalog,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.catalog.close();
    await this.blobs.close();
  }
}

@Module({})
export class SynthesisModule {
  static forRoot(options: SynthesisModuleOptions, readiness: ModelReadiness): DynamicModule {
    return {
      module: SynthesisModule,
      imports: [
        PlatformConfigModule.forRoot(),
        JobWorkerModule.forRoot({ service: 'synthesis', heartbeatIntervalMs: options.jobHeartbeatMs }),
      ],
      providers: [
        { provide: SYNTHESIS_MODULE_OPTIONS, useValue: options },
        { provide: BlobStore, useFactory: () => createBlobStore(options.blobStore) },
        { provide: SignedUrlSigner, useValue: new SignedUrlSigner(options.fileUrlSecret) },
        { provide: BoundedQueue, useValue: new BoundedQueue(options.maxQueue, Math.max(1, options.maxBatch ?? 8)) },
        {
          provide: VoiceCatalog,
          useFactory: () => {
            new Logger('SynthesisModule').log(tuneMallocForInference());
            return VoiceCatalog.load(options.modelsDir, {
              threads: options.threads,
              provider: options.provider,
              ...(options.workers !== undefined ? { workers: options.workers } : {}),
              ...(options.maxBatch !== undefined ? { maxBatch: options.maxBatch } : {}),
              ...(options.batchWaitMs !== undefined ? { batchWaitMs: options.batchWaitMs } : {}),
            });
          },
        },
        {
          provide: SpeechEngine,
          useFactory: async (catalog: VoiceCatalog) => {
            const phonemizer = new EspeakPhonemizer({ choice: options.phonemizer });
            const logger = new Logger('SynthesisModule');
            logger.log(phonemizer.describe());
            const mp3 = defaultMp3Engine();
            logger.log(mp3.engine === 'libmp3lame' ? 'MP3 encoder: native libmp3lame' : `MP3 encoder: lamejs (${mp3.reason})`);
            const engine = new SpeechEngine(catalog, phonemizer);
            await engine.warm();
            readiness.markReady();
            return engine;
          },
          inject: [VoiceCatalog],
        },
        SynthesisQuota,
        SynthesisCache,
        SynthesisRecords,
        SynthesisMetrics,
        SynthesisStatsHandler,
        SynthesizeSpeechHandler,
        ListVoicesHandler,
        SynthesizeAsyncHandler,
        SpeechSynthesisJob,
        RenderPace,
        PlanSynthesisHandler,
        RenderSentenceHandler,
        RenderCandidateHandler,
        VoiceProfileResolver,
        SynthesisResources,
        { provide: LexiconRepository, useClass: TypeOrmLexiconRepository },
        {
          provide: LexiconProvider,
          useFactory: (lexicons: LexiconRepository) => new LexiconProvider(lexicons),
          inject: [LexiconRepository],
        },
        PutLexiconHandler,
        GetLexiconHandler,
      ],
    };
  }
}
