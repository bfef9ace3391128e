import { ApplicationError, ErrorCode } from '#contracts';

/** A VALIDATION_ERROR naming the field, in the details shape the gateway passes to clients. */
export function validationFailure(field: string, message: string): ApplicationError {
  return new ApplicationError(ErrorCode.VALIDATION_ERROR, `${field} ${message}`, [{ field, messages: [message] }]);
}
