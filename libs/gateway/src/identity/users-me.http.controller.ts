import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangePasswordCommand,
  ErrorCode,
  GetUserQuery,
  IdentityErrorCode,
  UpdateProfileCommand,
  type AuthPrincipal,
  type UserView,
} from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ResponseMessage } from '../envelope/envelope-route-config.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { UpdateProfileDto } from './dto/update-profile.dto.js';
import { UserDto } from './dto/user.dto.js';

const CREDENTIAL_ERRORS = [
  ErrorCode.UNAUTHENTICATED,
  IdentityErrorCode.TOKEN_INVALID,
  IdentityErrorCode.TOKEN_EXPIRED,
  ErrorCode.RATE_LIMITED,
];

@ApiTags('users')
@ApiCredentials()
@Controller('users/me')
export class UsersMeHttpController {
  constructor(private readonly bus: MessageBus) {}

  @Get()
  @ApiOperation({ summary: 'The calling user' })
  @ApiEnvelopeResponse(UserDto)
  @ApiErrorResponses(IdentityErrorCode.USER_NOT_FOUND, ...CREDENTIAL_ERRORS)
  me(@CurrentPrincipal() principal: AuthPrincipal): Promise<UserView> {
    return this.bus.query(GetUserQuery, { user_id: principal.userId });
  }

  @Patch()
  @ApiOperation({ summary: 'Change names or the email address (the email needs current_password)' })
  @ApiEnvelopeResponse(UserDto)
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    IdentityErrorCode.INVALID_CREDENTIALS,
    IdentityErrorCode.USER_ALREADY_EXISTS,
    IdentityErrorCode.USER_NOT_FOUND,
    ...CREDENTIAL_ERRORS,
  )
  update(@Body() body: UpdateProfileDto, @CurrentPrincipal() principal: AuthPrincipal): Promise<UserView> {
    return this.bus.send(UpdateProfileCommand, { user_id: principal.userId, ...body });
  }

  @Post('password')
  @HttpCode(200)
  @ResponseMessage('Password changed')
  @ApiOperation({ summary: 'Change the password' })
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    IdentityErrorCode.INVALID_CREDENTIALS,
    IdentityErrorCode.WEAK_PASSWORD,
    ...CREDENTIAL_ERRORS,
  )
  async changePassword(@Body() body: ChangePasswordDto, @CurrentPrincipal() principal: AuthPrincipal): Promise<void> {
    await this.bus.send(ChangePasswordCommand, {
      user_id: principal.userId,
      current_password: body.current_password,
      new_password: body.new_password,
    });
  }
}
