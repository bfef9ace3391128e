/** The daily quota of sample uploads (`daily_quotas.uploads` of the platform config), counted on the voice schema. */
export abstract class VoiceSampleUploadQuota {
  /** Uses one upload of today inside the caller's transaction, or throws QUOTA_EXCEEDED with `resets_at`. */
  abstract consume(userId: string): Promise<void>;
  /** Uploads left today; throws QUOTA_EXCEEDED when none. */
  abstract assertRemaining(userId: string): Promise<number>;
}
