import { ApplicationError, ErrorCode } from '#contracts';

export function validationFailure(field: string, message: string): ApplicationError {
  return new ApplicationError(ErrorCode.VALIDATION_ERROR, `${field} ${message}`, [{ field, messages: [message] }]);
}
