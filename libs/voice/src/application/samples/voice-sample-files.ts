import { ApplicationError, DeleteStoredFileCommand, StorageErrorCode } from '#contracts';
import type { MessageBus } from '#messaging';

/** Deletes a sample's storage file (row and blob); one already gone is not an error. */
export async function deleteSampleFile(bus: MessageBus, fileId: string, ownerId: string): Promise<void> {
  try {
    await bus.send(DeleteStoredFileCommand, { file_id: fileId, user_id: ownerId, admin: true });
  } catch (error) {
    if (error instanceof ApplicationError && error.code === StorageErrorCode.FILE_NOT_FOUND) return;
    throw error;
  }
}
