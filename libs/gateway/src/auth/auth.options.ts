import type { AccessTokenSettings } from '#identity';

/** How the gateway authenticates; built from the gateway's config. */
export interface GatewayAuthOptions {
  accessTokens: AccessTokenSettings;
  /** How long identity's acceptance of an API key is reused (default 60 s). */
  apiKeyCacheTtlMs: number;
  /** How long a refused API key is refused without asking identity again (default 5 s). */
  apiKeyRefusalCacheTtlMs: number;
  /** Most API-key answers kept at once. */
  apiKeyCacheMaxEntries?: number;
}
