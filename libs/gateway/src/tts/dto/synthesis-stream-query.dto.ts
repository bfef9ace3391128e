import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUDIO_FORMATS, SUPPORTED_SAMPLE_RATES } from '#contracts';
import { MAX_SYNTHESIS_TEXT_LENGTH } from './synthesize-request.dto.js';

/** `GET /tts/synthesize/stream?text=…`: the fields of POST /tts/synthesize as query parameters. */
export class SynthesisStreamQueryDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_SYNTHESIS_TEXT_LENGTH, example: 'Hello from Voxify. This arrives sentence by sentence.' })
  @IsString()
  @Length(1, MAX_SYNTHESIS_TEXT_LENGTH)
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;

  @ApiPropertyOptional({ example: 'en_US-voxify-low:slt', description: 'The default voice when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  voice_id?: string;

  @ApiPropertyOptional({ enum: AUDIO_FORMATS, default: 'wav', description: 'The format of every chunk and of the stored file' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  format?: string;

  @ApiPropertyOptional({ enum: SUPPORTED_SAMPLE_RATES, description: "Hz; the voice's own rate when absent" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  sample_rate?: number;

  @ApiPropertyOptional({ minimum: 0.25, maximum: 4, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.25)
  @Max(4)
  speed?: number;

  @ApiPropertyOptional({ minimum: 0.5, maximum: 2, default: 1, description: "Frequency factor (1 = the voice's own pitch)" })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(2)
  pitch?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(2)
  volume?: number;
}
