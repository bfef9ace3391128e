export type FailureStep = { action: 'retry'; delayMs: number; attempts: number } | { action: 'dead-letter'; attempts: number };

/**
 * What to do with a message whose handler just failed unexpectedly. `previousAttempts` counts the
 * deliveries that failed before this one; the returned `attempts` includes this one.
 */
export function nextFailureStep(previousAttempts: number, retryDelaysMs: readonly number[]): FailureStep {
  const attempts = previousAttempts + 1;
  const delayMs = retryDelaysMs[attempts - 1];
  return delayMs === undefined ? { action: 'dead-letter', attempts } : { action: 'retry', delayMs, attempts };
}
