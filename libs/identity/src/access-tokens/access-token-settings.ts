/**
 * The access-token format, shared by the identity service (which signs) and the gateway (which
 * verifies locally, without a broker round trip per request). HS256 is pinned: a token naming any
 * other algorithm, `none` included, is refused.
 */
export interface AccessTokenSettings {
  /** At least 32 bytes of secret, the same in identity and every gateway replica. */
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export const ACCESS_TOKEN_ALGORITHM = 'HS256';
export const MIN_SECRET_LENGTH = 32;

/** Claims of a Voxify access token. */
export interface AccessTokenClaims {
  /** User id (`usr_…`). */
  sub: string;
  email: string;
  roles: string[];
  /** The session (refresh-token family) the token belongs to; logout revokes it. */
  sid: string;
  jti: string;
  typ: 'access';
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}
