import { Transform } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, trimmed } from './credential-field.limits.js';

/** Only these fields are accepted: anything else (`roles`, `status`, …) is refused with 400. */
export class RegisterUserDto {
  @ApiProperty({ example: 'ada@example.com', format: 'email', maxLength: MAX_EMAIL_LENGTH })
  @Transform(trimmed)
  @IsEmail()
  @MaxLength(MAX_EMAIL_LENGTH)
  email!: string;

  @ApiProperty({
    example: 'correct-horse-battery-staple',
    description: 'At least 10 characters, not all of one kind',
    maxLength: MAX_PASSWORD_LENGTH,
  })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  password!: string;

  @ApiProperty({ example: 'Ada', minLength: 1, maxLength: MAX_NAME_LENGTH })
  @IsString()
  @Length(1, MAX_NAME_LENGTH)
  first_name!: string;

  @ApiProperty({ example: 'Lovelace', minLength: 1, maxLength: MAX_NAME_LENGTH })
  @IsString()
  @Length(1, MAX_NAME_LENGTH)
  last_name!: string;
}
