/** The daily upload quota of each user (uploads per UTC day). */
export abstract class UploadQuota {
  /** Counts one upload inside the open transaction, or throws QUOTA_EXCEEDED. */
  abstract consume(userId: string, limit: number): Promise<void>;
  abstract usedToday(userId: string): Promise<number>;
  /** Throws QUOTA_EXCEEDED (with `resets_at`) when no upload is left today. */
  abstract assertRemaining(userId: string, limit: number): Promise<number>;
}
