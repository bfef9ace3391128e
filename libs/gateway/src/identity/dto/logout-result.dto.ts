import { ApiProperty } from '@nestjs/swagger';

export class LogoutResultDto {
  @ApiProperty({ example: 1 })
  revoked_sessions!: number;
}
