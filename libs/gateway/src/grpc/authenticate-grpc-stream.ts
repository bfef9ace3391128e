import type { ServerWritableStream, ServiceError } from '@grpc/grpc-js';
import type { Authentication } from '../auth/authentication.js';
import type { CredentialsAuthenticator } from '../auth/credentials-authenticator.js';
import { assertAccessAllowed, type RouteAccessPolicy } from '../auth/route-access-policy.js';
import { authenticateGrpcCall, type GrpcAccessRequirements, type GrpcErrorLogger } from './authenticate-grpc-call.js';
import { grpcFailureFor, grpcFailureTrailer } from './grpc-status-for-error.js';

export type AuthenticatedServerStreamHandler<Request, Response> = (
  call: ServerWritableStream<Request, Response>,
  authentication: Authentication,
) => Promise<void>;

/**
 * withAuthentication for a server-streaming method: authenticates the call and checks roles and
 * scopes, lets the handler write its messages, then ends the call; a failure at any point ends it
 * with the gRPC status and the `voxify-error-code` trailer, after whatever was already sent.
 */
export function withStreamAuthentication<Request, Response>(
  authenticator: CredentialsAuthenticator,
  handler: AuthenticatedServerStreamHandler<Request, Response>,
  options: GrpcAccessRequirements & { method?: string; logError?: GrpcErrorLogger } = {},
): (call: ServerWritableStream<Request, Response>) => void {
  const policy: RouteAccessPolicy = { isPublic: false, roles: options.roles ?? [], scopes: options.scopes ?? [] };
  return (call) => {
    void (async () => {
      const authentication = await authenticateGrpcCall(call.metadata, authenticator);
      assertAccessAllowed(policy, authentication.principal);
      await handler(call, authentication);
    })().then(
      () => call.end(),
      (error: unknown) => {
        if (call.cancelled) return;
        const failure = grpcFailureFor(error);
        if (failure.unexpected) options.logError?.(error, options.method ?? call.getPath());
        const serviceError: Partial<ServiceError> = { code: failure.code, details: failure.details, metadata: grpcFailureTrailer(failure) };
        call.emit('error', serviceError);
      },
    );
  };
}
