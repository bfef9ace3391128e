import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role, type UserStatus, type UserView } from '#contracts';

export class UserDto implements UserView {
  @ApiProperty({ example: 'usr_4f9k2m8q1x7c3v5b0n6z' })
  user_id!: string;

  @ApiProperty({ example: 'ada@example.com', format: 'email' })
  email!: string;

  @ApiProperty({ example: 'Ada' })
  first_name!: string;

  @ApiProperty({ example: 'Lovelace' })
  last_name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['user'] })
  roles!: Role[];

  @ApiProperty({ enum: ['active', 'disabled'], example: 'active' })
  status!: UserStatus;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T09:15:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T09:15:00.000Z' })
  updated_at!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-24T08:00:00.000Z' })
  last_login_at!: string | null;
}
