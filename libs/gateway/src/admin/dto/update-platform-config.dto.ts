import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Min, ValidateNested } from 'class-validator';
import { SUPPORTED_SAMPLE_RATES, type PlatformConfigChanges } from '#contracts';

// Types and positivity are checked here; the upper bounds are the identity service's (one place),
// which answers VALIDATION_ERROR with the same per-field details.
const SETTING = { minimum: 1, type: 'integer' } as const;

export class RateLimitsChangesDto {
  @ApiPropertyOptional({ ...SETTING, example: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  requests_per_minute?: number;

  @ApiPropertyOptional({ ...SETTING, example: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  auth_requests_per_window?: number;

  @ApiPropertyOptional({ ...SETTING, example: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  failed_logins_per_window?: number;
}

export class DailyQuotasChangesDto {
  @ApiPropertyOptional({ ...SETTING, example: 500 })
  @IsOptional()
  @IsInt()
  @Min(1)
  syntheses?: number;

  @ApiPropertyOptional({ ...SETTING, example: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  uploads?: number;
}

/** A partial change of the settings: only what is named changes; nested groups merge key by key. */
export class UpdatePlatformConfigDto {
  @ApiPropertyOptional({
    minimum: 0,
    type: 'integer',
    example: 3,
    description: 'The version these changes were made against; another current version answers 409 CONFIG_VERSION_CONFLICT',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expected_version?: number;

  @ApiPropertyOptional({ ...SETTING, example: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  max_voice_samples_per_user?: number;

  @ApiPropertyOptional({ ...SETTING, example: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  max_synthesis_length?: number;

  @ApiPropertyOptional({ enum: SUPPORTED_SAMPLE_RATES, example: 22050 })
  @IsOptional()
  @IsIn(SUPPORTED_SAMPLE_RATES)
  default_sample_rate?: number;

  @ApiPropertyOptional({ type: RateLimitsChangesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RateLimitsChangesDto)
  rate_limits?: RateLimitsChangesDto;

  @ApiPropertyOptional({ type: DailyQuotasChangesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DailyQuotasChangesDto)
  daily_quotas?: DailyQuotasChangesDto;

  @ApiPropertyOptional({ ...SETTING, example: 24 })
  @IsOptional()
  @IsInt()
  @Min(1)
  file_expiry_hours?: number;
}

/** The settings the body names, as plain data, without `expected_version`. */
export function toPlatformConfigChanges(body: UpdatePlatformConfigDto): PlatformConfigChanges {
  const { expected_version: _expectedVersion, rate_limits: rateLimits, daily_quotas: dailyQuotas, ...scalars } = body;
  const changes: PlatformConfigChanges = definedOnly(scalars);
  if (rateLimits) changes.rate_limits = definedOnly(rateLimits);
  if (dailyQuotas) changes.daily_quotas = definedOnly(dailyQuotas);
  return changes;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
