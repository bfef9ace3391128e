import type { RemoteErrorBody } from './messages/message-envelope.js';

/**
 * An expected failure with a stable code (a rule was broken, something was not found). Handlers
 * throw it; the bus carries it back to the caller as-is and never retries it, unlike unexpected
 * errors, which are retried and then dead-lettered.
 */
export class ApplicationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApplicationError';
  }

  toBody(): RemoteErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromBody(body: RemoteErrorBody): ApplicationError {
    return new ApplicationError(body.code, body.message, body.details);
  }
}
