import { ErrorCode } from '#contracts';

/** No reply arrived in time; the gateway answers 504 UPSTREAM_TIMEOUT. */
export class BusTimeoutError extends Error {
  readonly code = ErrorCode.UPSTREAM_TIMEOUT;
  constructor(
    readonly messageType: string,
    readonly timeoutMs: number,
  ) {
    super(`No reply to ${messageType} within ${timeoutMs} ms`);
    this.name = 'BusTimeoutError';
  }
}

/** No instance of the owning service is consuming; the gateway answers 503 SERVICE_UNAVAILABLE. */
export class ServiceUnavailableError extends Error {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  constructor(
    readonly service: string,
    readonly messageType: string,
  ) {
    super(`Service ${service} is not available to handle ${messageType}`);
    this.name = 'ServiceUnavailableError';
  }
}

/** The bus is not connected to its broker (publishing cannot be confirmed). */
export class BrokerUnavailableError extends Error {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  constructor(message = 'The message broker is not reachable') {
    super(message);
    this.name = 'BrokerUnavailableError';
  }
}
