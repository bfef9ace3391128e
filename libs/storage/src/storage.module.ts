import { Inject, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OUTBOX_RELAY } from '#service-runtime';
import {
  Clock,
  ExpiredFilesSweeper,
  PlatformSettings,
  StorageUsageRepository,
  storageMessageHandlers,
  StoredFileRepository,
  UnitOfWork,
  UploadQuota,
} from './application/index.js';
import { createBlobStore } from './blob-store/blob-store.config.js';
import { BlobStore } from './blob-store/blob-store.js';
import { DailyUploadQuota } from './infrastructure/persistence/daily-upload-quota.js';
import { SqlStorageUsageRepository } from './infrastructure/persistence/sql-storage-usage.repository.js';
import { SqlStoredFileRepository } from './infrastructure/persistence/sql-stored-file.repository.js';
import { TypeOrmUnitOfWork, type OutboxNotifier } from './infrastructure/persistence/typeorm-unit-of-work.js';
import { PlatformConfigSubscriber } from './infrastructure/platform-config/platform-config.subscriber.js';
import { SweepScheduler } from './infrastructure/scheduling/sweep.scheduler.js';
import { SystemClock } from './infrastructure/time/system-clock.js';
import { STORAGE_MODULE_OPTIONS, type StorageModuleOptions } from './storage-module-options.js';

/**
 * The storage bounded context: file metadata on the storage schema, the blob store the contents
 * live in, the handlers of the storage commands and queries, the expiry sweeper and the runtime
 * platform config. Expects the service runtime's DataSource (migrated with storageMigrations) and
 * OUTBOX_RELAY.
 */
@Module({})
export class StorageModule implements OnModuleDestroy {
  constructor(@Inject(BlobStore) private readonly blobs: BlobStore) {}

  static forRoot(
    options: Omit<StorageModuleOptions, 'platformConfigTimeoutMs' | 'platformConfigRetryMs'> & Partial<StorageModuleOptions>,
  ): DynamicModule {
    const resolved: StorageModuleOptions = { platformConfigTimeoutMs: 2000, platformConfigRetryMs: 5000, ...options };
    return {
      module: StorageModule,
      providers: [
        { provide: STORAGE_MODULE_OPTIONS, useValue: resolved },
        { provide: BlobStore, useFactory: () => createBlobStore(resolved.blobStore) },
        {
          provide: TypeOrmUnitOfWork,
          useFactory: (dataSource: DataSource, relay: OutboxNotifier) => new TypeOrmUnitOfWork(dataSource, relay),
          inject: [DataSource, OUTBOX_RELAY],
        },
        { provide: UnitOfWork, useExisting: TypeOrmUnitOfWork },
        { provide: StoredFileRepository, useClass: SqlStoredFileRepository },
        { provide: StorageUsageRepository, useClass: SqlStorageUsageRepository },
        { provide: UploadQuota, useClass: DailyUploadQuota },
        { provide: Clock, useClass: SystemClock },
        PlatformSettings,
        PlatformConfigSubscriber,
        ExpiredFilesSweeper,
        SweepScheduler,
        ...storageMessageHandlers,
      ],
      exports: [BlobStore, ExpiredFilesSweeper, PlatformSettings],
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.blobs.close();
  }
}
