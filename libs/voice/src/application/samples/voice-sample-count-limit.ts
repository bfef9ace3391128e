import { ApplicationError, ErrorCode } from '#contracts';

/** The per-user sample count of the platform config (`max_voice_samples_per_user`): QUOTA_EXCEEDED once reached. */
export function assertSampleCountBelow(count: number, limit: number): number {
  if (count < limit) return limit - count;
  throw new ApplicationError(ErrorCode.QUOTA_EXCEEDED, `At most ${limit} voice samples per user; delete one to upload another`, {
    metric: 'voice_samples',
    limit,
    used: count,
  });
}
