import { BadRequestException } from '@nestjs/common';
import type { FieldValidationError } from './field-validation-error.js';

/** A request that failed DTO validation; rendered as 400 VALIDATION_ERROR with the fields in `details`. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly fields: FieldValidationError[]) {
    super('Request validation failed');
    this.name = 'RequestValidationException';
  }
}
