import { ValidationPipe } from '@nestjs/common';
import { toFieldValidationErrors } from './field-validation-error.js';
import { RequestValidationException } from './request-validation.exception.js';

/** Strips nothing silently: an unknown field is an error, so a client typo never goes unnoticed. */
export function createGatewayValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new RequestValidationException(toFieldValidationErrors(errors)),
  });
}
