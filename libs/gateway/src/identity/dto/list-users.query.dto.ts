import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ROLES, type Role, type UserStatus } from '#contracts';
import { PaginationQueryDto } from '../../pagination/pagination-query.dto.js';
import { MAX_EMAIL_LENGTH } from './credential-field.limits.js';

const STATUSES: readonly UserStatus[] = ['active', 'disabled'];

export class ListUsersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Users whose email contains this text', example: 'example.com' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_EMAIL_LENGTH)
  email?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: UserStatus;
}
