import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from './credential-field.limits.js';

export class ChangePasswordDto {
  @ApiProperty({ example: 'correct-horse-battery-staple' })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  current_password!: string;

  @ApiProperty({ example: 'a-new-and-longer-passphrase', description: 'At least 10 characters, not all of one kind' })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  new_password!: string;
}
