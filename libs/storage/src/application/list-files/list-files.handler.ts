import { Injectable } from '@nestjs/common';
import { ApplicationError, ErrorCode, FILE_PURPOSES, ListStoredFilesQuery, type PayloadOf, type ResultOf, pageView } from '#contracts';
import { HandleMessage } from '#messaging';
import { Clock, StoredFileRepository } from '../ports/index.js';
import { toFileInfoView } from '../shared/views.js';

export const MAX_FILES_PAGE_SIZE = 100;

/** The owner's live files, newest first. */
@Injectable()
export class ListFilesHandler {
  constructor(
    private readonly files: StoredFileRepository,
    private readonly clock: Clock,
  ) {}

  @HandleMessage(ListStoredFilesQuery)
  async execute(payload: PayloadOf<typeof ListStoredFilesQuery>): Promise<ResultOf<typeof ListStoredFilesQuery>> {
    const { page, page_size: pageSize } = payload;
    const problems: Array<{ field: string; messages: string[] }> = [];
    if (!Number.isInteger(page) || page < 1) problems.push({ field: 'page', messages: ['must be a whole number of at least 1'] });
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_FILES_PAGE_SIZE) {
      problems.push({ field: 'page_size', messages: [`must be a whole number from 1 to ${MAX_FILES_PAGE_SIZE}`] });
    }
    if (payload.purpose !== undefined && !(FILE_PURPOSES as readonly string[]).includes(payload.purpose)) {
      problems.push({ field: 'purpose', messages: [`must be one of: ${FILE_PURPOSES.join(', ')}`] });
    }
    if (problems.length > 0) throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'Invalid list request', problems);

    const { files, total } = await this.files.listLive({
      ownerId: payload.owner_id,
      purpose: payload.purpose,
      now: this.clock.now(),
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { files: files.map(toFileInfoView), pagination: pageView(page, pageSize, total) };
  }
}
