import type { FilePurpose } from '#contracts';
import { StoredFile } from '../../domain/index.js';

/** A row of the `files` table as pg returns it (bigint as a string). */
export interface StoredFileRow {
  id: string;
  owner_id: string;
  purpose: string;
  filename: string;
  content_type: string;
  size: string | number;
  sha256: string;
  blob_key: string;
  duration_seconds: number | null;
  created_at: Date;
  expires_at: Date | null;
  deleted_at: Date | null;
}

export function storedFileFromRow(row: StoredFileRow): StoredFile {
  return StoredFile.restore({
    id: row.id,
    ownerId: row.owner_id,
    purpose: row.purpose as FilePurpose,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    blobKey: row.blob_key,
    durationSeconds: row.duration_seconds,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    deletedAt: row.deleted_at,
  });
}
