import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';
import { PaginationDto } from '../pagination/pagination.dto.js';

export interface ApiEnvelopeResponseOptions {
  status?: number;
  description?: string;
  /** `data` is an array of the model. */
  isArray?: boolean;
}

function successEnvelopeSchema(data: SchemaObject | ReferenceObject): SchemaObject {
  return {
    type: 'object',
    required: ['success', 'data'],
    properties: {
      success: { type: 'boolean', enum: [true] },
      data,
      message: { type: 'string' },
    },
  };
}

/** Documents a success response as `{ success: true, data: <model>, message? }`. */
export function ApiEnvelopeResponse(model: Type<unknown>, options: ApiEnvelopeResponseOptions = {}): MethodDecorator & ClassDecorator {
  const modelSchema: ReferenceObject = { $ref: getSchemaPath(model) };
  const data: SchemaObject | ReferenceObject = options.isArray ? { type: 'array', items: modelSchema } : modelSchema;
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({ status: options.status ?? 200, description: options.description ?? 'Success', schema: successEnvelopeSchema(data) }),
  );
}

/** Documents a list response as `{ success: true, data: { <itemsKey>: <model>[], pagination } }`. */
export function ApiPaginatedEnvelopeResponse(
  model: Type<unknown>,
  options: { itemsKey: string; status?: number; description?: string },
): MethodDecorator & ClassDecorator {
  const data: SchemaObject = {
    type: 'object',
    required: [options.itemsKey, 'pagination'],
    properties: {
      [options.itemsKey]: { type: 'array', items: { $ref: getSchemaPath(model) } },
      pagination: { $ref: getSchemaPath(PaginationDto) },
    },
  };
  return applyDecorators(
    ApiExtraModels(model, PaginationDto),
    ApiResponse({
      status: options.status ?? 200,
      description: options.description ?? 'A page of results',
      schema: successEnvelopeSchema(data),
    }),
  );
}
