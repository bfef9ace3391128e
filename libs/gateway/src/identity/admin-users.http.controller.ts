import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminUpdateUserCommand, ErrorCode, IdentityErrorCode, ListUsersQuery, type AuthPrincipal, type UserView } from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials, RequireScopes, Roles } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Paginated } from '../pagination/pagination.dto.js';
import { ApiEnvelopeResponse, ApiPaginatedEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { AdminUpdateUserDto } from './dto/admin-update-user.dto.js';
import { ListUsersQueryDto } from './dto/list-users.query.dto.js';
import { UserDto } from './dto/user.dto.js';

const ACCESS_ERRORS = [
  ErrorCode.UNAUTHENTICATED,
  IdentityErrorCode.TOKEN_INVALID,
  IdentityErrorCode.TOKEN_EXPIRED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.RATE_LIMITED,
];

@ApiTags('admin')
@ApiCredentials()
@Roles('admin')
@RequireScopes('admin')
@Controller('admin/users')
export class AdminUsersHttpController {
  constructor(private readonly bus: MessageBus) {}

  @Get()
  @ApiOperation({ summary: 'Users, a page at a time; filter by email text, role and status' })
  @ApiPaginatedEnvelopeResponse(UserDto, { itemsKey: 'users' })
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, ...ACCESS_ERRORS)
  list(@Query() query: ListUsersQueryDto): Promise<Paginated<UserView, 'users'>> {
    return this.bus.query(ListUsersQuery, {
      page: query.page,
      page_size: query.page_size,
      ...(query.email === undefined ? {} : { email: query.email }),
      ...(query.role === undefined ? {} : { role: query.role }),
      ...(query.status === undefined ? {} : { status: query.status }),
    });
  }

  @Patch(':user_id')
  @ApiOperation({ summary: "Change a user's roles, or disable / enable the user" })
  @ApiParam({ name: 'user_id', example: 'usr_4f9k2m8q1x7c3v5b0n6z' })
  @ApiEnvelopeResponse(UserDto)
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, IdentityErrorCode.USER_NOT_FOUND, ...ACCESS_ERRORS)
  update(@Param('user_id') userId: string, @Body() body: AdminUpdateUserDto, @CurrentPrincipal() actor: AuthPrincipal): Promise<UserView> {
    return this.bus.send(AdminUpdateUserCommand, { actor_id: actor.userId, user_id: userId, ...body });
  }
}
