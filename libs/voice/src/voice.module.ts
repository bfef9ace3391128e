import { Inject, Injectable, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobWorkerModule } from '#jobs';
import { OUTBOX_RELAY, PlatformConfigModule } from '#service-runtime';
import { BlobStore, createBlobStore } from '#storage';
import { UnitOfWork } from './application/ports/unit-of-work.js';
import { VoiceSampleAudioInspector } from './application/ports/voice-sample-audio-inspector.js';
import { TypeOrmUnitOfWork, type OutboxNotifier } from './infrastructure/persistence/typeorm-unit-of-work.js';
import { voiceSampleProviders } from './infrastructure/samples/voice-sample-providers.js';
import { WorkerThreadVoiceSampleAudioInspector } from './infrastructure/samples/worker-thread-voice-sample-audio-inspector.js';
import { voiceProfileProviders } from './infrastructure/voice-profile-providers.js';
import { VOICE_MODULE_OPTIONS, type VoiceModuleOptions } from './voice-module-options.js';

@Injectable()
class VoiceResources implements OnModuleDestroy {
  constructor(
    @Inject(BlobStore) private readonly blobs: BlobStore,
    @Inject(VoiceSampleAudioInspector) private readonly audio: VoiceSampleAudioInspector,
  ) {}

  async onModuleDestroy(): Promise<void> {
    if (this.audio instanceof WorkerThreadVoiceSampleAudioInspector) await this.audio.close();
    await this.blobs.close();
  }
}

/**
 * The voice bounded context: samples (upload, analysis job, catalog) and profiles, on the voice
 * schema, with the shared blob store and a JobRunner for the voice service's jobs. Expects the
 * service runtime's DataSource (migrated with voiceMigrations) and OUTBOX_RELAY.
 */
@Module({})
export class VoiceModule {
  static forRoot(options: VoiceModuleOptions): DynamicModule {
    return {
      module: VoiceModule,
      imports: [PlatformConfigModule.forRoot(), JobWorkerModule.forRoot({ service: 'voice' })],
      providers: [
        { provide: VOICE_MODULE_OPTIONS, useValue: options },
        { provide: BlobStore, useFactory: () => createBlobStore(options.blobStore) },
        {
          provide: TypeOrmUnitOfWork,
          useFactory: (dataSource: DataSource, relay: OutboxNotifier) => new TypeOrmUnitOfWork(dataSource, relay),
          inject: [DataSource, OUTBOX_RELAY],
        },
        { provide: UnitOfWork, useExisting: TypeOrmUnitOfWork },
        VoiceResources,
        ...voiceSampleProviders,
        ...voiceProfileProviders,
      ],
    };
  }
}
