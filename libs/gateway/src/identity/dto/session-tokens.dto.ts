import { ApiProperty } from '@nestjs/swagger';
import type { SessionTokens } from '#contracts';
import { UserDto } from './user.dto.js';

export class SessionTokensDto implements SessionTokens {
  @ApiProperty({ description: 'JWT (HS256) to send as `Authorization: Bearer <token>`', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' })
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  token_type!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expires_in!: number;

  @ApiProperty({ description: 'Opaque; shown once; every refresh replaces it', example: 'rt_8Jx2…' })
  refresh_token!: string;

  @ApiProperty({ description: 'Seconds until the refresh token expires', example: 2592000 })
  refresh_expires_in!: number;

  @ApiProperty({ type: UserDto })
  user!: UserDto;
}
