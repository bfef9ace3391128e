import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  VOICE_SAMPLE_FORMATS,
  VOICE_SAMPLE_SORT_FIELDS,
  VOICE_SAMPLE_STATUSES,
  type VoiceSampleAnalysisView,
  type VoiceSampleFormat,
  type VoiceSampleSortField,
  type VoiceSampleStatus,
  type VoiceSampleSummaryView,
  type VoiceSampleUploadView,
  type VoiceSampleView,
} from '#contracts';
import { PaginationQueryDto } from '../pagination/pagination-query.dto.js';

export class VoiceSampleUploadDto implements VoiceSampleUploadView {
  @ApiProperty({ example: 'vs_4f9k2m8q1x7c3v5b0n6z' })
  sample_id!: string;

  @ApiProperty({ example: 'My Voice Sample' })
  name!: string;

  @ApiProperty({ nullable: true, type: String, example: 'High quality recording' })
  description!: string | null;

  @ApiProperty({ enum: VOICE_SAMPLE_STATUSES, example: 'uploaded' })
  status!: VoiceSampleStatus;

  @ApiProperty({ enum: VOICE_SAMPLE_FORMATS, description: 'Recognised from the bytes', example: 'wav' })
  format!: VoiceSampleFormat;

  @ApiProperty({ description: 'Seconds of audio', example: 15.5 })
  duration!: number;

  @ApiProperty({ example: 'en-US' })
  language!: string;

  @ApiProperty({ description: 'Bytes', example: 1048576 })
  file_size!: number;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The analysis job (GET /api/v1/jobs/{id})',
    example: 'job_4f9k2m8q1x7c3v5b0n6z',
  })
  analysis_job_id!: string | null;
}

export class VoiceSampleDto extends VoiceSampleUploadDto implements VoiceSampleView {
  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 10, example: 8.5 })
  quality_score!: number | null;

  @ApiProperty({ type: [String], description: 'Why the sample is rejected', example: [] })
  rejection_reasons!: string[];

  @ApiProperty({
    nullable: true,
    type: Object,
    description:
      'sample_rate, channels, loudness_lufs, peak_dbfs, clipping_ratio, silence_ratio, snr_db, pitch {median_hz, min_hz, max_hz}, speaking_rate, quality_issues, analyzed_at',
  })
  analysis!: VoiceSampleAnalysisView | null;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class VoiceSampleSummaryDto implements VoiceSampleSummaryView {
  @ApiProperty({ example: 'vs_4f9k2m8q1x7c3v5b0n6z' })
  sample_id!: string;

  @ApiProperty({ example: 'My Voice Sample' })
  name!: string;

  @ApiProperty({ enum: VOICE_SAMPLE_STATUSES, example: 'ready' })
  status!: VoiceSampleStatus;

  @ApiProperty({ enum: VOICE_SAMPLE_FORMATS, example: 'wav' })
  format!: VoiceSampleFormat;

  @ApiProperty({ example: 15.5 })
  duration!: number;

  @ApiProperty({ example: 'en-US' })
  language!: string;

  @ApiProperty({ nullable: true, type: Number, example: 8.5 })
  quality_score!: number | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class ListVoiceSamplesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: VOICE_SAMPLE_STATUSES })
  @IsOptional()
  @IsIn(VOICE_SAMPLE_STATUSES)
  status?: VoiceSampleStatus;

  @ApiPropertyOptional({ example: 'en-US' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  language?: string;

  @ApiPropertyOptional({ enum: VOICE_SAMPLE_SORT_FIELDS, default: 'created_at' })
  @IsOptional()
  @IsIn(VOICE_SAMPLE_SORT_FIELDS)
  sort?: VoiceSampleSortField;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class UpdateVoiceSampleDto {
  @ApiPropertyOptional({ maxLength: 100, example: 'Studio take 2' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;
}
