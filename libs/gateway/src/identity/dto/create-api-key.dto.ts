import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { API_KEY_SCOPES, type ApiKeyScope } from '#contracts';
import { MAX_API_KEY_NAME_LENGTH } from './credential-field.limits.js';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CI pipeline', minLength: 1, maxLength: MAX_API_KEY_NAME_LENGTH })
  @IsString()
  @Length(1, MAX_API_KEY_NAME_LENGTH)
  name!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['tts', 'voices'], description: 'At most the scopes the caller has' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes!: ApiKeyScope[];

  @ApiPropertyOptional({ format: 'date-time', example: '2027-01-01T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expires_at?: string;
}
