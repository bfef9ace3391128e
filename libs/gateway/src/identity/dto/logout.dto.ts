import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { MAX_TOKEN_LENGTH } from './credential-field.limits.js';

export class LogoutDto {
  @ApiPropertyOptional({ description: 'Ends the session of this refresh token; without it, the session of the access token used' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TOKEN_LENGTH)
  refresh_token?: string;

  @ApiPropertyOptional({ description: 'Ends every session of the user', default: false })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}
