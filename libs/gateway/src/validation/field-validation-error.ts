import type { ValidationError } from 'class-validator';

/** One invalid field of a request, as listed in `error.details` of a 400 VALIDATION_ERROR. */
export interface FieldValidationError {
  /** Dotted path from the DTO root, e.g. `settings.speed` or `items.0.text`. */
  field: string;
  messages: string[];
}

/** Flattens class-validator's error tree (nested DTOs, arrays) into one entry per invalid field. */
export function toFieldValidationErrors(errors: readonly ValidationError[], parentPath = ''): FieldValidationError[] {
  const fields: FieldValidationError[] = [];
  for (const error of errors) {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    if (error.constraints) {
      fields.push({ field, messages: Object.values(error.constraints) });
    }
    if (error.children?.length) {
      fields.push(...toFieldValidationErrors(error.children, field));
    }
  }
  return fields;
}
