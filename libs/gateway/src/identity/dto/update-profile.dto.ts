import { Transform } from 'class-transformer';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, trimmed } from './credential-field.limits.js';

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Ada', minLength: 1, maxLength: MAX_NAME_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, MAX_NAME_LENGTH)
  first_name?: string;

  @ApiPropertyOptional({ example: 'King', minLength: 1, maxLength: MAX_NAME_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, MAX_NAME_LENGTH)
  last_name?: string;

  @ApiPropertyOptional({ example: 'ada.king@example.com', format: 'email', description: 'Changing it needs current_password' })
  @IsOptional()
  @Transform(trimmed)
  @IsEmail()
  @MaxLength(MAX_EMAIL_LENGTH)
  email?: string;

  @ApiPropertyOptional({ description: 'Required to change the email address' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  current_password?: string;
}
