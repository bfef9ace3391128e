import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { VOICE_PROFILE_STATUSES, type SimilarVoiceView, type VoiceProfileStatus } from '#contracts';
import { PaginationQueryDto } from '../pagination/pagination-query.dto.js';

/** One voice of `GET /voices`: a built-in voice × speaker, or one of the caller's profiles. */
export class VoiceListItemDto {
  @ApiProperty({ example: 'vp_4f9k2m8q1x7c3v5b0n6z', description: 'Use as `voice_id` in synthesis' })
  voice_id!: string;

  @ApiProperty({ enum: ['builtin', 'profile'] })
  kind!: 'builtin' | 'profile';

  @ApiProperty({ example: 'My voice' })
  name!: string;

  @ApiProperty({ enum: VOICE_PROFILE_STATUSES, description: 'Built-in voices are always ready' })
  status!: VoiceProfileStatus;

  @ApiProperty({ example: 'en_US' })
  language!: string;

  @ApiPropertyOptional({
    description: 'Profiles: distances before/after training and the pitch they matched',
    example: { distance_before: 2.1, distance_after: 0.8, pitch_hz: 204.3, rendered_pitch_hz: 203.9 },
  })
  metrics?: Record<string, number | null>;
}

export class VoicesQueryDto extends PaginationQueryDto {}

export class SimilarVoicesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class SimilarVoiceDto implements SimilarVoiceView {
  @ApiProperty({ example: 'en_US-voxify-low:slt' })
  voice_id!: string;

  @ApiProperty({ enum: ['builtin', 'profile'] })
  kind!: 'builtin' | 'profile';

  @ApiProperty({ example: 'en_US-voxify-low:slt' })
  name!: string;

  @ApiProperty({ description: 'Speaker distance of the statistics vectors (0 = identical)', example: 0.93 })
  distance!: number;
}

export class SimilarVoicesDto {
  @ApiProperty({ example: 'vp_4f9k2m8q1x7c3v5b0n6z' })
  voice_id!: string;

  @ApiProperty({ type: [SimilarVoiceDto] })
  voices!: SimilarVoiceDto[];
}
