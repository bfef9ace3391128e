import { Injectable } from '@nestjs/common';
import { GetStoredFileQuery, type PayloadOf, type StoredFileView } from '#contracts';
import { HandleMessage } from '#messaging';
import { Clock, StoredFileRepository } from '../ports/index.js';
import { storageErrors } from '../shared/storage-errors.js';
import { toStoredFileView } from '../shared/views.js';

/** A live file for its owner, an admin or a signed URL; anything else is "not found", so ids cannot be probed. */
@Injectable()
export class GetFileHandler {
  constructor(
    private readonly files: StoredFileRepository,
    private readonly clock: Clock,
  ) {}

  @HandleMessage(GetStoredFileQuery)
  async execute(payload: PayloadOf<typeof GetStoredFileQuery>): Promise<StoredFileView> {
    const file = typeof payload.file_id === 'string' ? await this.files.findById(payload.file_id) : undefined;
    if (!file || !file.isLive(this.clock.now()) || !file.visibleTo(payload.access))
      throw storageErrors.fileNotFound(String(payload.file_id));
    return toStoredFileView(file);
  }
}
