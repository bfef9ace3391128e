import { FitterRandom } from './fitter-random.js';
import { softmax } from './fitter-mix-weights.js';

/** Scores a batch of candidate mixing weights (each sums to 1): one distance per candidate, lower is better. */
export type MixObjective = (candidates: number[][]) => Promise<number[]>;

export interface MixSearchOptions {
  epochs: number;
  /** Initial spread of the candidates around the current point, in logit units. */
  stepSize: number;
  candidatesPerStep: number;
}

/** Everything the search needs to go on after an interruption (saved as the job's checkpoint). */
export interface MixSearchState {
  logits: number[];
  distance: number;
  stepSize: number;
  epoch: number;
  randomState: number;
  evaluations: number;
}

/** The most candidates one step renders, whatever the batch size asked for. */
export const MAX_CANDIDATES_PER_STEP = 16;

const GROW = 1.3;
const SHRINK = 0.6;

/** Maps the API's learning rate (0.001 in the Voxify examples) to a step in logit space. */
export function stepSizeForLearningRate(learningRate: number): number {
  return Math.min(1.5, Math.max(0.05, 0.3 * Math.sqrt(learningRate / 0.001)));
}

export function initialSearchState(logits: number[], distance: number, stepSize: number, seed: number): MixSearchState {
  return { logits: [...logits], distance, stepSize, epoch: 0, randomState: seed | 0, evaluations: 0 };
}

/**
 * A (1+λ) evolution strategy over the softmax logits, derivative-free: each epoch draws λ Gaussian
 * candidates around the current point, keeps the best if it beats the current distance, and widens
 * the step after a success or narrows it after a failure. The current point never gets worse.
 * `afterEpoch` sees each epoch's state (to checkpoint and report); it may throw to stop the search.
 */
export async function searchMixWeights(
  start: MixSearchState,
  options: MixSearchOptions,
  objective: MixObjective,
  afterEpoch: (state: MixSearchState) => Promise<void>,
): Promise<MixSearchState> {
  const candidatesPerStep = Math.max(1, Math.min(MAX_CANDIDATES_PER_STEP, Math.floor(options.candidatesPerStep)));
  const minStep = options.stepSize / 50;
  const maxStep = options.stepSize * 4;
  let state = { ...start, logits: [...start.logits] };
  while (state.epoch < options.epochs) {
    const random = new FitterRandom(state.randomState);
    const candidates = Array.from({ length: candidatesPerStep }, () =>
      state.logits.map((logit) => logit + state.stepSize * random.gaussian()),
    );
    const distances = await objective(candidates.map(softmax));
    if (distances.length !== candidates.length) throw new Error('The objective must score every candidate');
    let best = -1;
    distances.forEach((distance, i) => {
      if (Number.isFinite(distance) && distance < (best < 0 ? state.distance : distances[best]!)) best = i;
    });
    const improved = best >= 0;
    state = {
      logits: improved ? candidates[best]! : state.logits,
      distance: improved ? distances[best]! : state.distance,
      stepSize: Math.min(maxStep, Math.max(minStep, state.stepSize * (improved ? GROW : SHRINK))),
      epoch: state.epoch + 1,
      randomState: random.seed,
      evaluations: state.evaluations + candidates.length,
    };
    await afterEpoch(state);
  }
  return state;
}
