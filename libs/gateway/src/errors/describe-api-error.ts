import { HttpException } from '@nestjs/common';
import { ApplicationError, ErrorCode } from '#contracts';
import { BrokerUnavailableError, BusTimeoutError, ServiceUnavailableError } from '#messaging';
import type { ApiErrorBody } from '../envelope/api-envelope.js';
import { RequestValidationException } from '../validation/request-validation.exception.js';
import { httpStatusForErrorCode } from './error-code-status.map.js';
import { errorCodeForHttpStatus } from './http-status-error-code.map.js';

export interface DescribedApiError {
  status: number;
  error: ApiErrorBody;
  /** A fault of ours (not the client's): it is logged, and its own message never reaches the client. */
  unexpected: boolean;
}

const INTERNAL_ERROR_MESSAGE = 'An unexpected error occurred';
const MALFORMED_JSON_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

/** Turns anything a request may throw into the status and error body the client sees. */
export function describeApiError(exception: unknown, context: { unmatchedRoute: boolean }): DescribedApiError {
  if (exception instanceof RequestValidationException) {
    return clientError(400, ErrorCode.VALIDATION_ERROR, exception.message, exception.fields);
  }
  if (exception instanceof ApplicationError) return describeApplicationError(exception);
  if (exception instanceof BusTimeoutError) {
    return clientError(504, ErrorCode.UPSTREAM_TIMEOUT, 'An upstream service did not answer in time');
  }
  if (exception instanceof ServiceUnavailableError || exception instanceof BrokerUnavailableError) {
    return clientError(503, ErrorCode.SERVICE_UNAVAILABLE, 'The service is temporarily unavailable');
  }
  if (exception instanceof HttpException) return describeHttpException(exception, context);
  return internalError();
}

function describeApplicationError(exception: ApplicationError): DescribedApiError {
  const status = httpStatusForErrorCode(exception.code);
  if (status >= 500 && status !== 503 && status !== 504) return internalError();
  return clientError(status, exception.code, exception.message, exception.details);
}

function describeHttpException(exception: HttpException, context: { unmatchedRoute: boolean }): DescribedApiError {
  const status = exception.getStatus();
  if (status === 500) return internalError();
  if (status === 404 && context.unmatchedRoute) {
    return clientError(404, ErrorCode.ROUTE_NOT_FOUND, 'No route matches this method and path');
  }
  const causeCode = fastifyErrorCode(exception.cause);
  if (causeCode !== undefined && MALFORMED_JSON_CODES.has(causeCode)) {
    return clientError(400, ErrorCode.VALIDATION_ERROR, 'The request body is not valid JSON');
  }
  if (status === 413) return clientError(413, ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large');

  const response = exception.getResponse();
  if (typeof response === 'string') return clientError(status, errorCodeForHttpStatus(status), response);
  const body = response as { code?: unknown; message?: unknown; details?: unknown };
  // A controller may throw `new HttpException({ code, message, details }, status)` to choose its code.
  const code = typeof body.code === 'string' ? body.code : errorCodeForHttpStatus(status);
  if (Array.isArray(body.message)) return clientError(status, code, exception.message, body.message);
  const message = typeof body.message === 'string' ? body.message : exception.message;
  return clientError(status, code, message, body.details);
}

function fastifyErrorCode(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function clientError(status: number, code: string, message: string, details?: unknown): DescribedApiError {
  const error: ApiErrorBody = details === undefined ? { code, message } : { code, message, details };
  return { status, error, unexpected: false };
}

function internalError(): DescribedApiError {
  return { status: 500, error: { code: ErrorCode.INTERNAL_ERROR, message: INTERNAL_ERROR_MESSAGE }, unexpected: true };
}
