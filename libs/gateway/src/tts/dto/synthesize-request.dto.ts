import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AUDIO_FORMATS, SUPPORTED_SAMPLE_RATES } from '#contracts';

export const MAX_SYNTHESIS_TEXT_LENGTH = 5000;

export class SynthesisConfigDto {
  /** A plain string so that a known but unavailable format reaches the service and gets its own code. */
  @ApiPropertyOptional({ enum: AUDIO_FORMATS, default: 'wav', description: 'Unsupported formats answer 400 UNSUPPORTED_FORMAT' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  output_format?: string;

  @ApiPropertyOptional({ enum: SUPPORTED_SAMPLE_RATES, example: 22050, description: "Hz; the voice's own rate when absent" })
  @IsOptional()
  @IsInt()
  sample_rate?: number;

  @ApiPropertyOptional({ minimum: 0.25, maximum: 4, default: 1, example: 1.1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.25)
  @Max(4)
  speed?: number;

  @ApiPropertyOptional({
    minimum: 0.5,
    maximum: 2,
    default: 1,
    example: 1.0,
    description: "Frequency factor (1 = the voice's own pitch, 2 = an octave up, 0.5 = an octave down); the tempo stays the same",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(2)
  pitch?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2, default: 1, description: 'Gain, limited so that it never clips' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(2)
  volume?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Also answer `timestamps`: each word with its start and end in seconds over the whole audio (JSON answers only)',
  })
  @IsOptional()
  @IsBoolean()
  timestamps?: boolean;
}

/** The voice and settings of every synthesis request body (sync, async, stream). */
export class SynthesisVoiceAndConfigDto {
  @ApiPropertyOptional({ example: 'en_US-voxify-low:slt', description: 'From GET /api/v1/tts/voices; the default voice when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  voice_id?: string;

  @ApiPropertyOptional({ type: SynthesisConfigDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SynthesisConfigDto)
  config?: SynthesisConfigDto;
}

export class SynthesizeRequestDto extends SynthesisVoiceAndConfigDto {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_SYNTHESIS_TEXT_LENGTH,
    example: 'Hello from Voxify. The quick brown fox jumps over the lazy dog.',
  })
  @IsString()
  @Length(1, MAX_SYNTHESIS_TEXT_LENGTH)
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;
}
