import { Controller, Get } from '@nestjs/common';
import type { AuthPrincipal } from '#contracts';
import { RequireScopes, Roles } from '../auth/access-policy.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { PublicRoute } from '../routing/public-route.decorator.js';

/** Routes with each kind of access rule, as feature routes will declare them. */
@Controller('access-samples')
export class ScopedSampleController {
  @Get('open')
  @PublicRoute()
  open(): { open: true } {
    return { open: true };
  }

  @Get('any')
  any(@CurrentPrincipal() principal: AuthPrincipal): AuthPrincipal {
    return principal;
  }

  @Get('tts')
  @RequireScopes('tts')
  tts(): { tts: true } {
    return { tts: true };
  }

  @Get('admin')
  @Roles('admin')
  admin(): { admin: true } {
    return { admin: true };
  }
}
