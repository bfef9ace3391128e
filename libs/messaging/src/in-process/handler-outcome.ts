import { ApplicationError, type MessageEnvelope } from '#contracts';
import { handlingContext, runWithContext } from '../context/message-context.js';

/**
 * How a handler ended: `rejected` is an expected failure (replied, never retried), `failed` an
 * unexpected one (retried, then dead-lettered).
 */
export type HandlerOutcome =
  { kind: 'ok'; result: unknown } | { kind: 'rejected'; error: ApplicationError } | { kind: 'failed'; error: unknown };

export async function runHandler(envelope: MessageEnvelope, handler: () => Promise<unknown>): Promise<HandlerOutcome> {
  try {
    const result = await runWithContext(handlingContext(envelope), handler);
    return { kind: 'ok', result };
  } catch (error) {
    if (error instanceof ApplicationError) return { kind: 'rejected', error };
    return { kind: 'failed', error };
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
