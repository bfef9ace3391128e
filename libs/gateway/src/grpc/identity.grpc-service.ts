import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { CredentialsAuthenticator } from '../auth/credentials-authenticator.js';
import { withAuthentication, type GrpcErrorLogger } from './authenticate-grpc-call.js';

/** `voxify.v1.WhoAmIResponse` as proto-loader (keepCase) reads and writes it. */
export interface WhoAmIResponse {
  user_id: string;
  email: string;
  roles: string[];
  scopes: string[];
  credential: string;
  key_id: string;
  session_id: string;
  expires_at_ms: number;
}

/** The methods of `voxify.v1.Identity`. */
export function identityGrpcService(authenticator: CredentialsAuthenticator, logError?: GrpcErrorLogger): UntypedServiceImplementation {
  return {
    WhoAmI: withAuthentication<Record<string, never>, WhoAmIResponse>(
      authenticator,
      async (_call, { principal, credential, expiresAt }) => ({
        user_id: principal.userId,
        email: principal.email,
        roles: principal.roles,
        scopes: principal.scopes,
        credential,
        key_id: principal.keyId ?? '',
        session_id: principal.sessionId ?? '',
        expires_at_ms: expiresAt ?? 0,
      }),
      { method: 'voxify.v1.Identity/WhoAmI', logError },
    ),
  };
}
