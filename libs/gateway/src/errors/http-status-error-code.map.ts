import { ErrorCode } from '#contracts';

/**
 * Stable code for an `HttpException` (or a Fastify error) that carries only a status. Statuses
 * missing here answer `BAD_REQUEST` (4xx) or `INTERNAL_ERROR` (5xx).
 */
export const HTTP_STATUS_ERROR_CODE = new Map<number, string>([
  [400, ErrorCode.VALIDATION_ERROR],
  [401, ErrorCode.UNAUTHENTICATED],
  [403, ErrorCode.PERMISSION_DENIED],
  [404, ErrorCode.NOT_FOUND],
  [405, 'METHOD_NOT_ALLOWED'],
  [406, 'NOT_ACCEPTABLE'],
  [409, ErrorCode.CONFLICT],
  [413, ErrorCode.PAYLOAD_TOO_LARGE],
  [415, 'UNSUPPORTED_MEDIA_TYPE'],
  [422, ErrorCode.VALIDATION_ERROR],
  [429, ErrorCode.RATE_LIMITED],
  [500, ErrorCode.INTERNAL_ERROR],
  [503, ErrorCode.SERVICE_UNAVAILABLE],
  [504, ErrorCode.UPSTREAM_TIMEOUT],
]);

export function errorCodeForHttpStatus(status: number): string {
  return HTTP_STATUS_ERROR_CODE.get(status) ?? (status < 500 ? 'BAD_REQUEST' : ErrorCode.INTERNAL_ERROR);
}
