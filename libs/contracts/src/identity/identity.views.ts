/** Wire shapes of the identity context (snake_case, as the REST API shows them). */

export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const API_KEY_SCOPES = ['tts', 'voices', 'jobs', 'files', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export type UserStatus = 'active' | 'disabled';

export interface UserView {
  user_id: string;
  email: string;
  first_name: string;
  last_name: string;
  roles: Role[];
  status: UserStatus;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionTokens {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds until the access token expires. */
  expires_in: number;
  /** Opaque; shown once; rotated on every refresh. */
  refresh_token: string;
  refresh_expires_in: number;
  user: UserView;
}

export interface ApiKeyView {
  key_id: string;
  name: string;
  /** The first characters of the key, enough to recognise it (`vx_ab12cd34`). */
  prefix: string;
  scopes: ApiKeyScope[];
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedApiKey {
  api_key: ApiKeyView;
  /** The secret itself (`vx_…`), returned only once, at creation. */
  key: string;
}

/** Who is calling: what the gateway attaches to a request once its credentials check out. */
export interface AuthPrincipal {
  userId: string;
  email: string;
  roles: Role[];
  /** Scopes of the API key used; a JWT session carries every scope its roles allow. */
  scopes: ApiKeyScope[];
  /** Set when the request was authenticated by an API key. */
  keyId?: string;
  /** Set when the request was authenticated by an access token (the session it belongs to). */
  sessionId?: string;
}

export type { PageView } from '../pagination.js';
