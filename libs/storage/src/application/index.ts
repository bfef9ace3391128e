import { CheckUploadQuotaHandler } from './check-upload-quota/check-upload-quota.handler.js';
import { DeleteFileHandler } from './delete-file/delete-file.handler.js';
import { GetFileHandler } from './get-file/get-file.handler.js';
import { GetUsageHandler } from './get-usage/get-usage.handler.js';
import { ListFilesHandler } from './list-files/list-files.handler.js';
import { RegisterFileHandler } from './register-file/register-file.handler.js';
import { StorageStatsHandler } from './storage-stats/storage-stats.handler.js';

export * from './ports/index.js';
export * from './shared/platform-settings.js';
export * from './sweep-expired-files/expired-files.sweeper.js';

/** One handler per storage command and query of the contracts. */
export const storageMessageHandlers = [
  RegisterFileHandler,
  GetFileHandler,
  DeleteFileHandler,
  ListFilesHandler,
  GetUsageHandler,
  CheckUploadQuotaHandler,
  StorageStatsHandler,
];
