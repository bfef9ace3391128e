import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApplicationError,
  ErrorCode,
  IdentityErrorCode,
  LoginCommand,
  LogoutCommand,
  RefreshSessionCommand,
  RegisterUserCommand,
  type AuthPrincipal,
  type SessionTokens,
  type UserView,
} from '#contracts';
import { MessageBus } from '#messaging';
import { ApiCredentials } from '../auth/access-policy.decorators.js';
import { AuthErrors } from '../auth/auth-errors.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { readPresentedCredentials } from '../auth/presented-credentials.js';
import { RevocationList } from '../auth/revocation-list.js';
import { ResponseMessage } from '../envelope/envelope-route-config.js';
import { FailedLoginLockout } from '../rate-limit/failed-login-lockout.js';
import { RateLimitPerIp } from '../rate-limit/rate-limit-per-ip.decorator.js';
import { RateLimitPolicyName } from '../rate-limit/rate-limit-policies.js';
import { PublicRoute } from '../routing/public-route.decorator.js';
import { ApiEnvelopeResponse } from '../swagger/api-envelope-response.decorator.js';
import { ApiErrorResponses } from '../swagger/api-error-responses.decorator.js';
import { clientInfoOf } from './client-info.js';
import { LoginDto } from './dto/login.dto.js';
import { LogoutResultDto } from './dto/logout-result.dto.js';
import { LogoutDto } from './dto/logout.dto.js';
import { RefreshSessionDto } from './dto/refresh-session.dto.js';
import { RegisterUserDto } from './dto/register-user.dto.js';
import { SessionTokensDto } from './dto/session-tokens.dto.js';
import { toTokenInfo, TokenInfoDto } from './dto/token-info.dto.js';
import { UserDto } from './dto/user.dto.js';

const CREDENTIAL_ERRORS = [ErrorCode.UNAUTHENTICATED, IdentityErrorCode.TOKEN_INVALID, IdentityErrorCode.TOKEN_EXPIRED];

@ApiTags('auth')
@Controller('auth')
export class AuthHttpController {
  constructor(
    private readonly bus: MessageBus,
    private readonly lockout: FailedLoginLockout,
    private readonly revocations: RevocationList,
  ) {}

  @Post('register')
  @PublicRoute()
  @RateLimitPerIp(RateLimitPolicyName.register)
  @ResponseMessage('User registration successful')
  @ApiOperation({ summary: 'Create an account (always with the role user)' })
  @ApiEnvelopeResponse(UserDto, { status: 201, description: 'The new user; never any secret' })
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    IdentityErrorCode.WEAK_PASSWORD,
    IdentityErrorCode.USER_ALREADY_EXISTS,
    ErrorCode.RATE_LIMITED,
  )
  register(@Body() body: RegisterUserDto): Promise<UserView> {
    return this.bus.send(RegisterUserCommand, {
      email: body.email,
      password: body.password,
      first_name: body.first_name,
      last_name: body.last_name,
    });
  }

  @Post('login')
  @HttpCode(200)
  @PublicRoute()
  @RateLimitPerIp(RateLimitPolicyName.login)
  @ApiOperation({ summary: 'Log in: an access token, a refresh token and the user' })
  @ApiEnvelopeResponse(SessionTokensDto)
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    IdentityErrorCode.INVALID_CREDENTIALS,
    IdentityErrorCode.ACCOUNT_DISABLED,
    ErrorCode.RATE_LIMITED,
  )
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionTokens> {
    await this.lockout.assertNotLockedOut(request.ip, reply);
    try {
      return await this.bus.send(LoginCommand, { email: body.email, password: body.password, client: clientInfoOf(request) });
    } catch (error) {
      if (error instanceof ApplicationError && error.code === IdentityErrorCode.INVALID_CREDENTIALS) {
        await this.lockout.recordFailure(request.ip);
      }
      throw error;
    }
  }

  @Post('refresh')
  @HttpCode(200)
  @PublicRoute()
  @RateLimitPerIp(RateLimitPolicyName.refresh)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens (rotation)',
    description:
      'The refresh token goes in the body or as `Authorization: Bearer <refresh token>`. The old one stops working; ' +
      'presenting it again revokes the whole session (TOKEN_REUSED).',
  })
  @ApiEnvelopeResponse(SessionTokensDto)
  @ApiErrorResponses(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.UNAUTHENTICATED,
    IdentityErrorCode.TOKEN_INVALID,
    IdentityErrorCode.TOKEN_EXPIRED,
    IdentityErrorCode.TOKEN_REUSED,
    IdentityErrorCode.ACCOUNT_DISABLED,
    ErrorCode.RATE_LIMITED,
  )
  refresh(@Body() body: RefreshSessionDto, @Req() request: FastifyRequest): Promise<SessionTokens> {
    const refreshToken = body.refresh_token ?? bearerOf(request);
    if (refreshToken === undefined) throw AuthErrors.missingCredentials();
    return this.bus.send(RefreshSessionCommand, { refresh_token: refreshToken, client: clientInfoOf(request) });
  }

  @Post('logout')
  @HttpCode(200)
  @ApiCredentials()
  @ApiOperation({
    summary: 'End a session, or every session',
    description: "Without a refresh token it ends the session of the access token used; `everywhere` ends all of the user's sessions.",
  })
  @ApiEnvelopeResponse(LogoutResultDto)
  @ApiErrorResponses(ErrorCode.VALIDATION_ERROR, ...CREDENTIAL_ERRORS)
  async logout(@Body() body: LogoutDto, @CurrentPrincipal() principal: AuthPrincipal): Promise<LogoutResultDto> {
    const everywhere = body.everywhere === true;
    if (body.refresh_token === undefined && !everywhere && principal.sessionId === undefined) {
      throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'An API key has no session: pass refresh_token or everywhere', [
        { field: 'refresh_token', messages: ['refresh_token is required when logging out with an API key'] },
      ]);
    }
    const sessionId = body.refresh_token === undefined && !everywhere ? principal.sessionId : undefined;
    const result = await this.bus.send(LogoutCommand, {
      user_id: principal.userId,
      ...(sessionId === undefined ? {} : { session_id: sessionId }),
      ...(body.refresh_token === undefined ? {} : { refresh_token: body.refresh_token }),
      ...(everywhere ? { everywhere } : {}),
    });
    // This replica refuses the token at once; the others when identity's event reaches them.
    if (sessionId !== undefined) this.revocations.revokeSessions([sessionId]);
    return result;
  }

  @Get('token-info')
  @ApiCredentials()
  @ApiOperation({ summary: 'Who the credentials belong to and when they expire (answered by the gateway alone)' })
  @ApiEnvelopeResponse(TokenInfoDto)
  @ApiErrorResponses(...CREDENTIAL_ERRORS, ErrorCode.RATE_LIMITED)
  tokenInfo(@Req() request: FastifyRequest): TokenInfoDto {
    return toTokenInfo(request.authentication!);
  }
}

function bearerOf(request: FastifyRequest): string | undefined {
  const credentials = readPresentedCredentials(request.headers.authorization, undefined);
  return credentials?.kind === 'access_token' ? credentials.token : undefined;
}
