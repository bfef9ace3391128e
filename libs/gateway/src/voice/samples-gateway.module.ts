import { Inject, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { BlobStore, createBlobStore } from '#storage';
import { VOICE_SAMPLES_GATEWAY_OPTIONS, type VoiceSamplesGatewayOptions } from './samples-gateway.options.js';
import { VoiceSamplesHttpController } from './samples.http.controller.js';

/**
 * `/api/v1/voice/samples`. Needs MessageBus (global MessagingModule) and GatewayAccessModule; the
 * upload route needs registerStreamedUploads on the app, as the files routes do.
 */
@Module({})
export class VoiceSamplesGatewayModule implements OnModuleDestroy {
  constructor(@Inject(BlobStore) private readonly blobs: BlobStore) {}

  static forRoot(options: VoiceSamplesGatewayOptions): DynamicModule {
    return {
      module: VoiceSamplesGatewayModule,
      controllers: [VoiceSamplesHttpController],
      providers: [
        { provide: VOICE_SAMPLES_GATEWAY_OPTIONS, useValue: options },
        { provide: BlobStore, useFactory: () => createBlobStore(options.blobStore) },
      ],
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.blobs.close();
  }
}
