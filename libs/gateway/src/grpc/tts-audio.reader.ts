import { buffer } from 'node:stream/consumers';
import { ApplicationError, GetStoredFileQuery, StorageErrorCode, type SynthesisResultView } from '#contracts';
import type { MessageBus } from '#messaging';
import { BlobNotFoundError, type BlobStore } from '#storage';

/**
 * The bytes of a synthesis' stored audio, found as the files download route finds a file: its
 * metadata (and the caller's right to it) from the storage service, its content from the blob store.
 */
export async function readSynthesizedAudio(
  result: SynthesisResultView,
  userId: string,
  bus: MessageBus,
  blobs: BlobStore,
): Promise<Buffer> {
  const file = await bus.query(GetStoredFileQuery, { file_id: result.file_id, access: { kind: 'user', user_id: userId, admin: false } });
  const content = await blobs.get(file.blob_key).catch((error: unknown) => {
    if (error instanceof BlobNotFoundError) throw new ApplicationError(StorageErrorCode.FILE_NOT_FOUND, `No file ${result.file_id}`);
    throw error;
  });
  return buffer(content);
}
