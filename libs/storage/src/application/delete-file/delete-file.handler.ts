import { Inject, Injectable } from '@nestjs/common';
import { DeleteStoredFileCommand, StoredFileDeletedEvent, type PayloadOf } from '#contracts';
import { createEnvelope, HandleMessage } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { BlobStore } from '../../blob-store/blob-store.js';
import { Clock, StorageUsageRepository, StoredFileRepository, UnitOfWork } from '../ports/index.js';
import { storageErrors } from '../shared/storage-errors.js';

/**
 * Deletes the content, then marks the row deleted, with the row locked throughout: if the
 * transaction fails after the blob went, the row stays and a retry (or the sweeper) finishes it.
 */
@Injectable()
export class DeleteFileHandler {
  constructor(
    private readonly files: StoredFileRepository,
    private readonly usage: StorageUsageRepository,
    private readonly blobs: BlobStore,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(DeleteStoredFileCommand)
  async execute(payload: PayloadOf<typeof DeleteStoredFileCommand>): Promise<void> {
    const now = this.clock.now();
    await this.unitOfWork.run(async () => {
      const file = typeof payload.file_id === 'string' ? await this.files.findById(payload.file_id, { lock: true }) : undefined;
      if (!file || !file.isLive(now) || !file.visibleTo({ kind: 'user', user_id: payload.user_id, admin: payload.admin })) {
        throw storageErrors.fileNotFound(String(payload.file_id));
      }
      await this.blobs.delete(file.blobKey);
      file.markDeleted(now);
      await this.files.markDeleted(file);
      await this.usage.add(file.ownerId, -file.size, -1);
      await this.unitOfWork.recordEvents([
        createEnvelope(StoredFileDeletedEvent, {
          file_id: file.id,
          owner_id: file.ownerId,
          reason: 'deleted',
          deleted_at: now.toISOString(),
        }),
      ]);
    });
    this.logger.info({ fileId: payload.file_id, userId: payload.user_id }, 'file deleted');
  }
}
