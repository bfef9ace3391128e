import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TRAINING_LIMITS, type TrainingAcceptedView } from '#contracts';

export class TrainingConfigDto {
  @ApiPropertyOptional({
    minimum: TRAINING_LIMITS.epochs[0],
    maximum: TRAINING_LIMITS.epochs[1],
    default: 10,
    description: 'Search iterations',
  })
  @IsOptional()
  @IsInt()
  @Min(TRAINING_LIMITS.epochs[0])
  @Max(TRAINING_LIMITS.epochs[1])
  epochs?: number;

  @ApiPropertyOptional({
    minimum: TRAINING_LIMITS.learning_rate[0],
    maximum: TRAINING_LIMITS.learning_rate[1],
    default: 0.001,
    description: 'Step size of the search',
  })
  @IsOptional()
  @IsNumber()
  @Min(TRAINING_LIMITS.learning_rate[0])
  @Max(TRAINING_LIMITS.learning_rate[1])
  learning_rate?: number;

  @ApiPropertyOptional({
    minimum: TRAINING_LIMITS.batch_size[0],
    maximum: TRAINING_LIMITS.batch_size[1],
    default: 8,
    description: 'Candidates per step (at most 16 are rendered)',
  })
  @IsOptional()
  @IsInt()
  @Min(TRAINING_LIMITS.batch_size[0])
  @Max(TRAINING_LIMITS.batch_size[1])
  batch_size?: number;
}

export class TrainVoiceRequestDto {
  @ApiPropertyOptional({ type: TrainingConfigDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrainingConfigDto)
  config?: TrainingConfigDto;

  @ApiProperty({ example: true, description: 'The speaker agreed to having their voice trained; required to be true' })
  @IsOptional()
  @IsBoolean()
  consent?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'More of your ready samples of the same speaker',
    example: ['vs_8d2k1m0q3x9c7v5b4n6z'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsString({ each: true })
  sample_ids?: string[];

  @ApiPropertyOptional({ maxLength: 100, example: 'My voice' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}

export class TrainingAcceptedDto implements TrainingAcceptedView {
  @ApiProperty({ example: 'job_4f9k2m8q1x7c3v5b0n6z' })
  training_job_id!: string;

  @ApiProperty({ description: 'Seconds, roughly', example: 40 })
  estimated_duration!: number;

  @ApiProperty({ enum: ['pending'] })
  status!: 'pending';

  @ApiProperty({ description: 'The voice being trained (status training until the job completes)', example: 'vp_4f9k2m8q1x7c3v5b0n6z' })
  voice_id!: string;
}
