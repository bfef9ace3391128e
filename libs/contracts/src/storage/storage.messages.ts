import { defineCommand, defineEvent, defineQuery } from '../messages/message-definitions.js';
import type { PageView } from '../pagination.js';
import type { FileAccess, FileInfoView, FilePurpose, StorageUsageView, StoredFileView } from './storage.views.js';

/**
 * Records a blob already committed to the blob store under `blob_key` (bytes never travel on the
 * bus). Uploads count against the daily upload quota (QUOTA_EXCEEDED); synthesis outputs expire
 * after the platform's `file_expiry_hours` unless `expires_at` is given. When this fails, the caller
 * deletes the blob it stored.
 */
export const RegisterStoredFileCommand = defineCommand<
  {
    file_id: string;
    owner_id: string;
    purpose: FilePurpose;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
    blob_key: string;
    duration?: number;
    expires_at?: string;
  },
  StoredFileView
>('storage', 'storage.file.register');

/** A live file (not deleted, not expired) the requester may see; FILE_NOT_FOUND otherwise, another user's file included. */
export const GetStoredFileQuery = defineQuery<{ file_id: string; access: FileAccess }, StoredFileView>('storage', 'storage.file.get');

/** Deletes the blob and marks the row deleted; FILE_NOT_FOUND for another user's file (admins may delete any). */
export const DeleteStoredFileCommand = defineCommand<{ file_id: string; user_id: string; admin: boolean }, void>(
  'storage',
  'storage.file.delete',
);

/** The owner's live files, newest first. */
export const ListStoredFilesQuery = defineQuery<
  { owner_id: string; page: number; page_size: number; purpose?: FilePurpose },
  { files: FileInfoView[]; pagination: PageView }
>('storage', 'storage.file.list');

export const GetStorageUsageQuery = defineQuery<{ user_id: string }, StorageUsageView>('storage', 'storage.usage.get');

/** Answers when the user may upload one more file today; QUOTA_EXCEEDED (with `resets_at`) otherwise. Checked before the bytes are read. */
export const CheckUploadQuotaQuery = defineQuery<{ user_id: string }, { remaining: number }>('storage', 'storage.upload-quota.check');

export const StoredFileRegisteredEvent = defineEvent<{
  file_id: string;
  owner_id: string;
  purpose: FilePurpose;
  size: number;
  created_at: string;
  expires_at: string | null;
}>('storage', 'storage.file.registered');

/** A file is gone: deleted by a user (`reason: deleted`) or removed by the sweeper (`reason: expired`). */
export const StoredFileDeletedEvent = defineEvent<{
  file_id: string;
  owner_id: string;
  reason: 'deleted' | 'expired';
  deleted_at: string;
}>('storage', 'storage.file.deleted');
