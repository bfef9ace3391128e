/** Wire shapes of the storage context (snake_case, as the REST API shows them). */

/** Why a file exists; it decides its default expiry and which daily quota it counts against. */
export const FILE_PURPOSES = ['upload', 'synthesis_output', 'voice_sample'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** `GET /api/v1/files/{id}/info`: the shape of the Voxify API text. */
export interface FileInfoView {
  file_id: string;
  filename: string;
  content_type: string;
  size: number;
  /** Seconds of audio, when known. */
  duration: number | null;
  created_at: string;
  expires_at: string | null;
}

/** What the gateway (or another service) needs to serve a file: the info plus where its bytes are. */
export interface StoredFileView extends FileInfoView {
  owner_id: string;
  purpose: FilePurpose;
  /** Hex SHA-256 of the content; the download's ETag. */
  sha256: string;
  /** The blob-store key of the content (made from the file id, never from user input). */
  blob_key: string;
}

/** Who asks for a file: a user (owner-scoped unless admin), or a caller that proved access with a signed URL. */
export type FileAccess = { kind: 'user'; user_id: string; admin: boolean } | { kind: 'signed_url' };

/** Storage a user holds (live files) and today's uploads against the daily quota. */
export interface StorageUsageView {
  user_id: string;
  bytes: number;
  files: number;
  uploads_today: number;
  uploads_daily_limit: number;
}
