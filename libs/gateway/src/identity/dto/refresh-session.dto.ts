import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { MAX_TOKEN_LENGTH } from './credential-field.limits.js';

export class RefreshSessionDto {
  @ApiPropertyOptional({
    description: 'The refresh token; may instead be sent as `Authorization: Bearer <refresh token>`',
    example: 'rt_8Jx2…',
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TOKEN_LENGTH)
  refresh_token?: string;
}
