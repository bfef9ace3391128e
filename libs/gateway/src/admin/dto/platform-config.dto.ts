import { ApiProperty } from '@nestjs/swagger';
import { SUPPORTED_SAMPLE_RATES, type PlatformConfig } from '#contracts';

export class RateLimitsDto {
  @ApiProperty({ example: 100, description: 'Requests per minute per user or API key' })
  requests_per_minute!: number;

  @ApiProperty({ example: 20, description: 'Requests per client IP to each of login, register and refresh per window' })
  auth_requests_per_window!: number;

  @ApiProperty({ example: 10, description: 'Failed logins per client IP before logins from it are locked out for the window' })
  failed_logins_per_window!: number;
}

export class DailyQuotasDto {
  @ApiProperty({ example: 1000, description: 'Syntheses per user per UTC day' })
  syntheses!: number;

  @ApiProperty({ example: 100, description: 'Uploads per user per UTC day' })
  uploads!: number;
}

export class PlatformConfigDto implements PlatformConfig {
  @ApiProperty({ example: 3, description: 'Incremented by every change; 0 while nothing was ever changed (the defaults)' })
  version!: number;

  @ApiProperty({ example: 10 })
  max_voice_samples_per_user!: number;

  @ApiProperty({ example: 5000, description: 'Characters per synchronous synthesis request' })
  max_synthesis_length!: number;

  @ApiProperty({ enum: SUPPORTED_SAMPLE_RATES, example: 22050 })
  default_sample_rate!: number;

  @ApiProperty({ type: RateLimitsDto })
  rate_limits!: RateLimitsDto;

  @ApiProperty({ type: DailyQuotasDto })
  daily_quotas!: DailyQuotasDto;

  @ApiProperty({ example: 24, description: 'Hours until a synthesis output file expires' })
  file_expiry_hours!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-01T10:00:00.000Z' })
  updated_at!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'usr_4f9k2m8q1x7c3v5b0n6z', description: 'The admin who stored this version' })
  updated_by!: string | null;
}
