import { Metadata, status } from '@grpc/grpc-js';
import { ApplicationError, ErrorCode, SynthesisErrorCode } from '#contracts';
import { BrokerUnavailableError, BusTimeoutError, ServiceUnavailableError } from '#messaging';
import { UNAUTHENTICATED_CODES } from '../auth/auth-errors.js';
import { TtsGatewayErrorCode } from '../tts/tts-error-statuses.js';

export interface GrpcFailure {
  code: status;
  details: string;
  /** The Voxify error code, sent back as `voxify-error-code` trailing metadata. */
  errorCode: string;
  /** Not the caller's fault: worth logging, and its message is not shown to the caller. */
  unexpected: boolean;
  /** Seconds to wait before retrying (rate limits), sent back as `retry-after` trailing metadata. */
  retryAfterSeconds?: number;
}

/** The trailing metadata of a failed call: `voxify-error-code`, and `retry-after` when the caller should wait. */
export function grpcFailureTrailer(failure: GrpcFailure): Metadata {
  const trailer = new Metadata();
  trailer.set('voxify-error-code', failure.errorCode);
  if (failure.retryAfterSeconds !== undefined) trailer.set('retry-after', String(failure.retryAfterSeconds));
  return trailer;
}

const STATUS_BY_ERROR_CODE = new Map<string, status>([
  [ErrorCode.PERMISSION_DENIED, status.PERMISSION_DENIED],
  [ErrorCode.VALIDATION_ERROR, status.INVALID_ARGUMENT],
  [ErrorCode.NOT_FOUND, status.NOT_FOUND],
  [ErrorCode.CONFLICT, status.ALREADY_EXISTS],
  [ErrorCode.RATE_LIMITED, status.RESOURCE_EXHAUSTED],
  ['QUOTA_EXCEEDED', status.RESOURCE_EXHAUSTED],
  [SynthesisErrorCode.TEXT_TOO_LONG, status.INVALID_ARGUMENT],
  [SynthesisErrorCode.UNSUPPORTED_FORMAT, status.INVALID_ARGUMENT],
  [SynthesisErrorCode.UNSUPPORTED_SAMPLE_RATE, status.INVALID_ARGUMENT],
  [TtsGatewayErrorCode.UNSUPPORTED_OPTION, status.INVALID_ARGUMENT],
  [SynthesisErrorCode.OVERLOADED, status.RESOURCE_EXHAUSTED],
]);

/** The gRPC status for what a call threw; the mapping mirrors the HTTP one. */
export function grpcFailureFor(error: unknown): GrpcFailure {
  if (error instanceof ApplicationError) {
    const code = UNAUTHENTICATED_CODES.has(error.code)
      ? status.UNAUTHENTICATED
      : (STATUS_BY_ERROR_CODE.get(error.code) ?? (error.code.endsWith('_NOT_FOUND') ? status.NOT_FOUND : status.FAILED_PRECONDITION));
    const retryAfter = (error.details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
    return {
      code,
      details: error.message,
      errorCode: error.code,
      unexpected: false,
      ...(typeof retryAfter === 'number' ? { retryAfterSeconds: retryAfter } : {}),
    };
  }
  if (error instanceof BusTimeoutError) {
    return {
      code: status.DEADLINE_EXCEEDED,
      details: 'An upstream service did not answer in time',
      errorCode: ErrorCode.UPSTREAM_TIMEOUT,
      unexpected: false,
    };
  }
  if (error instanceof ServiceUnavailableError || error instanceof BrokerUnavailableError) {
    return {
      code: status.UNAVAILABLE,
      details: 'The service is temporarily unavailable',
      errorCode: ErrorCode.SERVICE_UNAVAILABLE,
      unexpected: false,
    };
  }
  return { code: status.INTERNAL, details: 'An unexpected error occurred', errorCode: ErrorCode.INTERNAL_ERROR, unexpected: true };
}
