import { ApplicationError, SynthesisErrorCode } from '#contracts';
import { InvalidSsmlError, isSsml, planSentences } from '../text/sentence-plan.js';

/** Refuses SSML the planner would refuse (INVALID_SSML), before any quota is charged or audio made. */
export function assertValidSsml(text: string): void {
  if (!isSsml(text)) return;
  try {
    planSentences({ text });
  } catch (error) {
    if (error instanceof InvalidSsmlError) throw new ApplicationError(SynthesisErrorCode.INVALID_SSML, error.message);
    throw error;
  }
}
