import { Inject, Injectable } from '@nestjs/common';
import { StoredFileDeletedEvent } from '#contracts';
import { createEnvelope } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { TEMPORARY_BLOB_PREFIX } from '../../blob-store/blob-keys.js';
import { BlobStore } from '../../blob-store/blob-store.js';
import { Clock, StorageUsageRepository, StoredFileRepository, UnitOfWork } from '../ports/index.js';

/** Files removed per transaction. */
const BATCH_SIZE = 50;
/** A temporary blob this old belongs to no upload in progress any more. */
export const ORPHAN_BLOB_AGE_MS = 3_600_000;

export interface SweepResult {
  expiredFiles: number;
  orphanBlobs: number;
}

/**
 * Removes expired files (content, then the row marked deleted, in batches whose rows are locked
 * with SKIP LOCKED so several instances sweep side by side without doing the same file twice) and
 * temporary blobs left by uploads that never finished.
 */
@Injectable()
export class ExpiredFilesSweeper {
  constructor(
    private readonly files: StoredFileRepository,
    private readonly usage: StorageUsageRepository,
    private readonly blobs: BlobStore,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async sweep(): Promise<SweepResult> {
    const expiredFiles = await this.sweepExpiredFiles();
    const orphanBlobs = await this.sweepOrphanBlobs();
    if (expiredFiles > 0 || orphanBlobs > 0) this.logger.info({ expiredFiles, orphanBlobs }, 'swept expired files');
    return { expiredFiles, orphanBlobs };
  }

  private async sweepExpiredFiles(): Promise<number> {
    let removed = 0;
    for (;;) {
      const batch = await this.unitOfWork.run(async () => {
        const now = this.clock.now();
        const expired = await this.files.lockExpired(now, BATCH_SIZE);
        for (const file of expired) {
          await this.blobs.delete(file.blobKey);
          file.markDeleted(now);
          await this.files.markDeleted(file);
          await this.usage.add(file.ownerId, -file.size, -1);
        }
        await this.unitOfWork.recordEvents(
          expired.map((file) =>
            createEnvelope(StoredFileDeletedEvent, {
              file_id: file.id,
              owner_id: file.ownerId,
              reason: 'expired',
              deleted_at: now.toISOString(),
            }),
          ),
        );
        return expired.length;
      });
      removed += batch;
      if (batch < BATCH_SIZE) return removed;
    }
  }

  private async sweepOrphanBlobs(): Promise<number> {
    const olderThan = this.clock.now().getTime() - ORPHAN_BLOB_AGE_MS;
    let removed = 0;
    for await (const blob of this.blobs.list(TEMPORARY_BLOB_PREFIX)) {
      if (blob.lastModified.getTime() >= olderThan) continue;
      await this.blobs.delete(blob.key);
      removed++;
    }
    return removed;
  }
}
