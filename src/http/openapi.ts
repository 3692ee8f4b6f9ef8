import { ERROR_CODES } from '../errors';

/**
 * The error body every REST route answers with (`{ error: ErrorPayload }`,
 * see src/errors.ts), as OpenAPI describes it. One definition for every
 * OpenAPI document the gateway serves (admin API, help desk API).
 */
export const errorBodySchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'connector', 'retryable'],
      properties: {
        code: { type: 'string', enum: [...ERROR_CODES] },
        message: { type: 'string', description: 'What went wrong, for a person or a model' },
        connector: { type: 'string' },
        retryable: { type: 'boolean' },
        retry_after_seconds: { type: 'integer', description: 'Wait this long before calling again' },
        vendor_status: { type: 'integer', description: 'HTTP status the vendor answered, when there was one' },
        hint: { type: 'string', description: 'What to do next' },
        alternatives: { type: 'array', items: { type: 'string' }, description: 'Other tools or steps that reach the goal' },
        fields: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, problem: { type: 'string' } } },
        },
      },
    },
  },
} as const;
