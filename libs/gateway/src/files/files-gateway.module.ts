import { Inject, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { BlobStore, createBlobStore, SignedUrlSigner } from '#storage';
import { FileAccessResolver } from './file-access.resolver.js';
import { FileUploadHttpController } from './file-upload.http.controller.js';
import { FILES_GATEWAY_OPTIONS, type FilesGatewayOptions } from './files-gateway.options.js';
import { FilesHttpController } from './files.http.controller.js';

/**
 * `/api/v1/files`: uploads and downloads streamed between HTTP and the blob store, metadata and
 * authorization from the storage service over the bus, signed URLs. Needs MessageBus (global
 * MessagingModule) and GatewayAccessModule; call registerStreamedUploads on the app.
 */
@Module({})
export class FilesGatewayModule implements OnModuleDestroy {
  constructor(@Inject(BlobStore) private readonly blobs: BlobStore) {}

  static forRoot(options: FilesGatewayOptions): DynamicModule {
    return {
      module: FilesGatewayModule,
      controllers: [FileUploadHttpController, FilesHttpController],
      providers: [
        { provide: FILES_GATEWAY_OPTIONS, useValue: options },
        { provide: BlobStore, useFactory: () => createBlobStore(options.blobStore) },
        { provide: SignedUrlSigner, useValue: new SignedUrlSigner(options.fileUrlSecret) },
        FileAccessResolver,
      ],
      exports: [SignedUrlSigner],
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.blobs.close();
  }
}
