import type { FilePurpose } from '#contracts';
import type { StoredFile } from '../../domain/index.js';

export interface StoredFileTotals {
  files: number;
  bytes: number;
  createdSince: number;
}

/** The storage schema's `files` rows. Inside UnitOfWork.run every call joins the transaction. */
export abstract class StoredFileRepository {
  /** False when a file with this id exists already (a redelivered registration). */
  abstract insert(file: StoredFile): Promise<boolean>;
  /** `lock`: hold the row until the transaction ends. */
  abstract findById(id: string, options?: { lock?: boolean }): Promise<StoredFile | undefined>;
  abstract markDeleted(file: StoredFile): Promise<void>;
  /** Live files of the owner, newest first. */
  abstract listLive(search: {
    ownerId: string;
    purpose?: FilePurpose;
    now: Date;
    offset: number;
    limit: number;
  }): Promise<{ files: StoredFile[]; total: number }>;
  /**
   * Up to `limit` expired, not yet deleted files, locked for this transaction and skipped by every
   * other sweeper meanwhile (FOR UPDATE SKIP LOCKED), so several instances share the work.
   */
  abstract lockExpired(now: Date, limit: number): Promise<StoredFile[]>;
  abstract totals(since: Date): Promise<StoredFileTotals>;
}
