import { AccessTokenRejected, type AccessTokenClaims, type AccessTokenVerifier } from '#identity';
import { IdentityErrorCode } from '#contracts';
import type { ApiKeyVerifier } from './api-key-verifier.js';
import { AuthErrors } from './auth-errors.js';
import type { Authentication } from './authentication.js';
import { readPresentedCredentials, type PresentedCredentials } from './presented-credentials.js';
import type { RevocationList } from './revocation-list.js';
import { knownRoles, scopesForRoles } from './role-scopes.js';

/**
 * Establishes who is calling, for HTTP and gRPC alike. Access tokens are verified here, without a
 * bus round trip (synchronously, so the common path costs no promise); API keys are checked with
 * identity through the cached ApiKeyVerifier. Failures throw an ApplicationError (see AuthErrors).
 */
export class CredentialsAuthenticator {
  constructor(
    private readonly accessTokens: AccessTokenVerifier,
    private readonly apiKeys: ApiKeyVerifier,
    private readonly revocations: RevocationList,
  ) {}

  /** From `Authorization` and `X-API-Key` (header values or gRPC metadata). */
  authenticateHeaders(authorization: unknown, apiKey: unknown): Authentication | Promise<Authentication> {
    return this.authenticate(readPresentedCredentials(authorization, apiKey));
  }

  authenticate(credentials: PresentedCredentials | undefined): Authentication | Promise<Authentication> {
    if (credentials === undefined) throw AuthErrors.missingCredentials();
    switch (credentials.kind) {
      case 'access_token':
        return this.authenticateAccessToken(credentials.token);
      case 'api_key':
        return this.apiKeys.verify(credentials.key);
      case 'malformed':
        throw AuthErrors.invalid('Send credentials as Authorization: Bearer <token> or X-API-Key: vx_…');
    }
  }

  private authenticateAccessToken(token: string): Authentication {
    let claims: AccessTokenClaims;
    try {
      claims = this.accessTokens.verify(token);
    } catch (error) {
      if (error instanceof AccessTokenRejected) {
        throw error.code === IdentityErrorCode.TOKEN_EXPIRED ? AuthErrors.expired(error.message) : AuthErrors.invalid(error.message);
      }
      throw error;
    }
    const refusal = this.revocations.refusalForToken(claims);
    if (refusal === IdentityErrorCode.TOKEN_EXPIRED)
      throw AuthErrors.expired('The access token was issued before a change to the account; refresh it');
    if (refusal !== undefined) throw AuthErrors.invalid('The access token has been revoked');
    const roles = knownRoles(claims.roles);
    return {
      principal: { userId: claims.sub, email: claims.email, roles, scopes: scopesForRoles(roles), sessionId: claims.sid },
      credential: 'access_token',
      expiresAt: claims.exp * 1000,
    };
  }
}
