import { Metadata, type sendUnaryData, type ServerUnaryCall, type ServiceError } from '@grpc/grpc-js';
import type { Authentication } from '../auth/authentication.js';
import type { CredentialsAuthenticator } from '../auth/credentials-authenticator.js';
import { assertAccessAllowed, type RouteAccessPolicy } from '../auth/route-access-policy.js';
import { grpcFailureFor, grpcFailureTrailer } from './grpc-status-for-error.js';

/** Reads `authorization` / `x-api-key` metadata and authenticates it like an HTTP request. */
export async function authenticateGrpcCall(metadata: Metadata, authenticator: CredentialsAuthenticator): Promise<Authentication> {
  const [authorization] = metadata.get('authorization');
  const [apiKey] = metadata.get('x-api-key');
  return authenticator.authenticateHeaders(authorization, apiKey);
}

export type AuthenticatedUnaryHandler<Request, Response> = (
  call: ServerUnaryCall<Request, Response>,
  authentication: Authentication,
) => Promise<Response>;

export interface GrpcAccessRequirements {
  roles?: RouteAccessPolicy['roles'];
  scopes?: RouteAccessPolicy['scopes'];
}

export type GrpcErrorLogger = (error: unknown, method: string) => void;

/**
 * Wraps a unary method: authenticates the call, checks roles and scopes, runs the handler, and maps
 * any failure to a gRPC status (UNAUTHENTICATED, PERMISSION_DENIED, …) with the Voxify error code
 * in the `voxify-error-code` trailer. Later gRPC services wrap their methods with it.
 */
export function withAuthentication<Request, Response>(
  authenticator: CredentialsAuthenticator,
  handler: AuthenticatedUnaryHandler<Request, Response>,
  options: GrpcAccessRequirements & { method?: string; logError?: GrpcErrorLogger } = {},
): (call: ServerUnaryCall<Request, Response>, callback: sendUnaryData<Response>) => void {
  const policy: RouteAccessPolicy = { isPublic: false, roles: options.roles ?? [], scopes: options.scopes ?? [] };
  return (call, callback) => {
    void (async () => {
      const authentication = await authenticateGrpcCall(call.metadata, authenticator);
      assertAccessAllowed(policy, authentication.principal);
      return handler(call, authentication);
    })().then(
      (response) => callback(null, response),
      (error: unknown) => {
        const failure = grpcFailureFor(error);
        if (failure.unexpected) options.logError?.(error, options.method ?? call.getPath());
        const serviceError: Partial<ServiceError> = { code: failure.code, details: failure.details, metadata: grpcFailureTrailer(failure) };
        callback(serviceError as ServiceError, null);
      },
    );
  };
}
