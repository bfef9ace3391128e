import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthPrincipal } from '#contracts';
import { AuthErrors } from './auth-errors.js';
import './authenticated-request.js';

/** The authenticated caller of a (non-public) route: `handler(@CurrentPrincipal() principal: AuthPrincipal)`. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): AuthPrincipal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().user;
  if (!principal) throw AuthErrors.missingCredentials();
  return principal;
});
