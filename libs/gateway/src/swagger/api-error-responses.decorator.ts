import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { httpStatusForErrorCode } from '../errors/error-code-status.map.js';

/**
 * Documents the error codes a route may answer, one response per HTTP status, each as
 * `{ success: false, error: { code, message, details? } }` with `code` limited to those codes.
 */
export function ApiErrorResponses(...codes: string[]): MethodDecorator & ClassDecorator {
  const codesByStatus = new Map<number, string[]>();
  for (const code of new Set(codes)) {
    const status = httpStatusForErrorCode(code);
    codesByStatus.set(status, [...(codesByStatus.get(status) ?? []), code]);
  }
  const responses = [...codesByStatus].map(([status, statusCodes]) =>
    ApiResponse({
      status,
      description: statusCodes.join(' | '),
      schema: {
        type: 'object',
        required: ['success', 'error'],
        properties: {
          success: { type: 'boolean', enum: [false] },
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', enum: statusCodes },
              message: { type: 'string' },
              details: { description: 'Code-specific; for VALIDATION_ERROR a list of { field, messages[] }' },
            },
          },
        },
      },
    }),
  );
  return applyDecorators(...responses);
}
