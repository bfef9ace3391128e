import { createVerifier, TokenError } from 'fast-jwt';
import { IdentityErrorCode } from '#contracts';
import { ACCESS_TOKEN_ALGORITHM, type AccessTokenClaims, type AccessTokenSettings } from './access-token-settings.js';

/** Why a token was refused: expired (the client should refresh) or invalid (anything else). */
export class AccessTokenRejected extends Error {
  constructor(
    readonly code: typeof IdentityErrorCode.TOKEN_EXPIRED | typeof IdentityErrorCode.TOKEN_INVALID,
    message: string,
  ) {
    super(message);
    this.name = 'AccessTokenRejected';
  }
}

export class AccessTokenVerifier {
  private readonly verifyToken: (token: string) => Record<string, unknown>;

  constructor(settings: AccessTokenSettings) {
    this.verifyToken = createVerifier({
      key: Buffer.from(settings.secret),
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      allowedIss: settings.issuer,
      allowedAud: settings.audience,
      requiredClaims: ['sub', 'sid', 'jti', 'exp', 'iat'],
      clockTolerance: 5000,
      cache: false,
    });
  }

  verify(token: string): AccessTokenClaims {
    let claims: Record<string, unknown>;
    try {
      claims = this.verifyToken(token);
    } catch (error) {
      if (error instanceof TokenError && error.code === TokenError.codes.expired) {
        throw new AccessTokenRejected(IdentityErrorCode.TOKEN_EXPIRED, 'The access token has expired');
      }
      throw new AccessTokenRejected(IdentityErrorCode.TOKEN_INVALID, 'The access token is not valid');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) {
      throw new AccessTokenRejected(IdentityErrorCode.TOKEN_INVALID, 'The access token is not valid');
    }
    return claims as unknown as AccessTokenClaims;
  }
}
