import type { FilePurpose } from '#contracts';

const HOUR_MS = 3_600_000;

/**
 * When a new file expires unless its registration says otherwise: synthesis outputs after the
 * platform's `file_expiry_hours`; uploads and voice samples live until deleted.
 */
export function defaultExpiry(purpose: FilePurpose, createdAt: Date, fileExpiryHours: number): Date | null {
  return purpose === 'synthesis_output' ? new Date(createdAt.getTime() + fileExpiryHours * HOUR_MS) : null;
}
