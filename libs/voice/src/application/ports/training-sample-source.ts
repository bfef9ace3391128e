import type { SpeakerMeasurement } from './fitter-speech-meter.js';

/** A sample as training sees it: whose, whether it is `ready`, and what its analysis measured. */
export interface TrainingSample {
  sampleId: string;
  ownerId: string;
  status: string;
  language: string;
  /** The speaker measurement of a ready sample (from its analysis, or measured from its training copy). */
  measure(): Promise<SpeakerMeasurement>;
}

/** Reads samples for training, scoped to their owner (another user's sample is simply not found). */
export abstract class TrainingSampleSource {
  abstract findForOwner(sampleIds: readonly string[], ownerId: string): Promise<TrainingSample[]>;
}
