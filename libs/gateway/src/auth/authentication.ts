import type { AuthPrincipal } from '#contracts';

export type CredentialKind = 'access_token' | 'api_key';

/** What a request's credentials turned out to be. */
export interface Authentication {
  principal: AuthPrincipal;
  credential: CredentialKind;
  /** When the credential stops working (ms since the epoch); null for an API key without expiry. */
  expiresAt: number | null;
}
