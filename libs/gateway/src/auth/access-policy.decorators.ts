import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { ApiKeyScope, Role } from '#contracts';
import { API_KEY_SECURITY_SCHEME, BEARER_SECURITY_SCHEME } from '../swagger/setup-gateway-swagger.js';

export const REQUIRED_ROLES_KEY = 'voxify:required-roles';
export const REQUIRED_SCOPES_KEY = 'voxify:required-scopes';

/** The caller needs one of these roles (403 PERMISSION_DENIED otherwise). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES_KEY, roles);

/**
 * The caller needs every one of these scopes: an API key those it was created with, a JWT session
 * every scope its roles allow (403 PERMISSION_DENIED otherwise).
 */
export const RequireScopes = (...scopes: ApiKeyScope[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES_KEY, scopes);

/** Documents that a route takes either credential (Swagger's security requirements). */
export const ApiCredentials = (): MethodDecorator & ClassDecorator =>
  applyDecorators(ApiBearerAuth(BEARER_SECURITY_SCHEME), ApiSecurity(API_KEY_SECURITY_SCHEME));
