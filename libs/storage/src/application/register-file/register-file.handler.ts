import { Inject, Injectable } from '@nestjs/common';
import {
  ApplicationError,
  ErrorCode,
  RegisterStoredFileCommand,
  StoredFileRegisteredEvent,
  type PayloadOf,
  type StoredFileView,
} from '#contracts';
import { createEnvelope, HandleMessage } from '#messaging';
import { APP_LOGGER, type Logger } from '#service-runtime';
import { blobKeyForFile } from '../../blob-store/blob-keys.js';
import { defaultExpiry, StoredFile } from '../../domain/index.js';
import { Clock, StorageUsageRepository, StoredFileRepository, UnitOfWork, UploadQuota } from '../ports/index.js';
import { PlatformSettings } from '../shared/platform-settings.js';
import { toStoredFileView } from '../shared/views.js';

/**
 * Records a blob the caller already committed. Uploads count against the daily upload quota in the
 * same transaction as the row, so a refused upload leaves no row and uses no quota (the caller then
 * deletes its blob). A redelivered registration of the same file answers the file as it is.
 */
@Injectable()
export class RegisterFileHandler {
  constructor(
    private readonly files: StoredFileRepository,
    private readonly usage: StorageUsageRepository,
    private readonly quota: UploadQuota,
    private readonly unitOfWork: UnitOfWork,
    private readonly settings: PlatformSettings,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @HandleMessage(RegisterStoredFileCommand)
  async execute(payload: PayloadOf<typeof RegisterStoredFileCommand>): Promise<StoredFileView> {
    const now = this.clock.now();
    if (payload.blob_key !== blobKeyForFile(String(payload.file_id))) {
      throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'The blob key must be the one made from the file id', [
        { field: 'blob_key', messages: ['must be files/<file_id>'] },
      ]);
    }
    const file = StoredFile.register({
      id: payload.file_id,
      ownerId: payload.owner_id,
      purpose: payload.purpose,
      filename: payload.filename,
      contentType: payload.content_type,
      size: payload.size,
      sha256: payload.sha256,
      blobKey: payload.blob_key,
      durationSeconds: payload.duration ?? null,
      createdAt: now,
      expiresAt:
        payload.expires_at === undefined
          ? defaultExpiry(payload.purpose, now, this.settings.fileExpiryHours)
          : new Date(payload.expires_at),
    });

    const registered = await this.unitOfWork.run(async () => {
      if (!(await this.files.insert(file))) {
        const existing = await this.files.findById(file.id);
        if (!existing || existing.ownerId !== file.ownerId)
          throw new ApplicationError(ErrorCode.CONFLICT, `File ${file.id} exists already`);
        return existing;
      }
      if (payload.purpose === 'upload') await this.quota.consume(file.ownerId, this.settings.uploadsPerDay);
      await this.usage.add(file.ownerId, file.size, 1);
      const props = file.snapshot();
      await this.unitOfWork.recordEvents([
        createEnvelope(StoredFileRegisteredEvent, {
          file_id: props.id,
          owner_id: props.ownerId,
          purpose: props.purpose,
          size: props.size,
          created_at: props.createdAt.toISOString(),
          expires_at: props.expiresAt?.toISOString() ?? null,
        }),
      ]);
      return file;
    });
    this.logger.info({ fileId: file.id, userId: file.ownerId, size: file.size }, 'file registered');
    return toStoredFileView(registered);
  }
}
