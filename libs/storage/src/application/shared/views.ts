import type { FileInfoView, StoredFileView } from '#contracts';
import type { StoredFile } from '../../domain/index.js';

export function toFileInfoView(file: StoredFile): FileInfoView {
  const props = file.snapshot();
  return {
    file_id: props.id,
    filename: props.filename,
    content_type: props.contentType,
    size: props.size,
    duration: props.durationSeconds,
    created_at: props.createdAt.toISOString(),
    expires_at: props.expiresAt?.toISOString() ?? null,
  };
}

export function toStoredFileView(file: StoredFile): StoredFileView {
  const props = file.snapshot();
  return { ...toFileInfoView(file), owner_id: props.ownerId, purpose: props.purpose, sha256: props.sha256, blob_key: props.blobKey };
}
