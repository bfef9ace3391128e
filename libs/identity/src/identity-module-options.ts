import type { AccessTokenSettings } from './access-tokens/index.js';

export interface IdentityModuleOptions {
  /** How access tokens are signed; the gateway verifies them with the same settings. */
  accessTokens: AccessTokenSettings;
  refreshTokenTtlSeconds: number;
  /** The first admin, created at start if no account has this email (an existing one is made admin). */
  admin?: { email: string; password: string };
}
