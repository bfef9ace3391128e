import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { ApplicationError } from '#contracts';

/**
 * Records how the work of a span ended. An ApplicationError is an expected answer (like a 4xx), so
 * it names its code but leaves the span's status unset; anything else marks the span as failed.
 */
export function recordFailure(span: Span, error: unknown): void {
  if (error instanceof ApplicationError) {
    span.setAttribute('voxify.error_code', error.code);
    return;
  }
  span.setAttribute(ATTR_ERROR_TYPE, error instanceof Error ? error.name : 'unknown');
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** Runs `work` and ends the span when it settles, recording a failure. */
export async function endWhenSettled<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}
