import { logitsFavouring, namedWeights, softmax } from './fitter-mix-weights.js';
import {
  initialSearchState,
  MAX_CANDIDATES_PER_STEP,
  searchMixWeights,
  stepSizeForLearningRate,
  type MixSearchState,
} from './fitter-search.js';
import { fitPitchFactor, fitSpectralGains, fitTempo, MAX_SPECTRAL_GAIN_DB } from './fitter-corrections.js';

/** Four "speaker rows" in an 6-dimensional statistics space; the target is a mix of three of them. */
const ROWS = [
  [1, 0, 0, 2, 0.5, 0],
  [0, 1, 0, -1, 0, 1],
  [0, 0, 1, 0, 2, -1],
  [1, 1, 1, 1, 1, 1],
];
const TARGET_WEIGHTS = [0.2, 0.5, 0.3, 0];
const mix = (weights: readonly number[]): number[] => ROWS[0]!.map((_, d) => weights.reduce((sum, w, k) => sum + w * ROWS[k]![d]!, 0));
const TARGET = mix(TARGET_WEIGHTS);
const distanceTo = (weights: readonly number[]): number => Math.hypot(...mix(weights).map((value, d) => value - TARGET[d]!));

function countingObjective(): { objective: (candidates: number[][]) => Promise<number[]>; batches: number[] } {
  const batches: number[] = [];
  return {
    batches,
    objective: async (candidates) => {
      batches.push(candidates.length);
      for (const weights of candidates) expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      return candidates.map(distanceTo);
    },
  };
}

function startAtFirstRow(seed = 7): MixSearchState {
  const logits = logitsFavouring(4, 0, 0.97);
  return initialSearchState(logits, distanceTo(softmax(logits)), stepSizeForLearningRate(0.01), seed);
}

describe('mix weight search', () => {
  it('reduces the distance on a synthetic objective, never going back up between epochs', async () => {
    const start = startAtFirstRow();
    const seen: number[] = [];
    const { objective } = countingObjective();
    const end = await searchMixWeights(start, { epochs: 40, stepSize: start.stepSize, candidatesPerStep: 8 }, objective, async (state) => {
      seen.push(state.distance);
    });
    expect(seen).toHaveLength(40);
    seen.forEach((distance, i) => expect(distance).toBeLessThanOrEqual(i === 0 ? start.distance : seen[i - 1]!));
    expect(end.distance).toBeLessThan(start.distance * 0.35);
    expect(end.distance).toBeCloseTo(distanceTo(softmax(end.logits)), 12);
    expect(end.evaluations).toBe(320);
  });

  it('draws the same candidates when resumed from a checkpoint as in one uninterrupted run', async () => {
    const options = { epochs: 12, stepSize: 0.5, candidatesPerStep: 6 };
    const whole = await searchMixWeights(startAtFirstRow(3), options, countingObjective().objective, async () => undefined);
    let checkpoint: MixSearchState | undefined;
    const interrupted = searchMixWeights(startAtFirstRow(3), options, countingObjective().objective, async (state) => {
      if (state.epoch === 5) {
        checkpoint = state;
        throw new Error('worker lost');
      }
    });
    await expect(interrupted).rejects.toThrow('worker lost');
    const resumed = await searchMixWeights(checkpoint!, options, countingObjective().objective, async () => undefined);
    expect(resumed).toEqual(whole);
  });

  it('caps the candidates per step', async () => {
    const { objective, batches } = countingObjective();
    await searchMixWeights(startAtFirstRow(), { epochs: 2, stepSize: 0.3, candidatesPerStep: 64 }, objective, async () => undefined);
    expect(batches).toEqual([MAX_CANDIDATES_PER_STEP, MAX_CANDIDATES_PER_STEP]);
  });

  it('maps the learning rate to a bounded step', () => {
    expect(stepSizeForLearningRate(0.001)).toBeCloseTo(0.3, 9);
    expect(stepSizeForLearningRate(1e-9)).toBe(0.05);
    expect(stepSizeForLearningRate(10)).toBe(1.5);
  });
});

describe('mix weights', () => {
  it('favours one row by the share asked for and names the weights that matter', () => {
    const weights = softmax(logitsFavouring(4, 2, 0.9));
    expect(weights[2]).toBeCloseTo(0.9, 9);
    expect(weights[0]).toBeCloseTo(0.1 / 3, 9);
    expect(namedWeights(['slt', 'rms', 'awb', 'kal'], [0.5, 0.49995, 0.00005, 0])).toEqual({ slt: 0.500025, rms: 0.499975 });
  });
});

describe('after-synthesis corrections', () => {
  it('fits the pitch factor as a ratio of medians, clamped, and leaves unvoiced audio alone', () => {
    expect(fitPitchFactor(204, 170)).toBeCloseTo(1.2, 9);
    expect(fitPitchFactor(500, 100)).toBe(2);
    expect(fitPitchFactor(null, 170)).toBe(1);
  });

  it('fits the tempo as a ratio of speaking rates within a natural range', () => {
    expect(fitTempo(4.4, 4)).toBeCloseTo(1.1, 9);
    expect(fitTempo(1, 4)).toBe(0.75);
    expect(fitTempo(4, 0)).toBe(1);
  });

  it('fits spectral gains as the smoothed, clamped, level-free band difference', () => {
    const rendered = [-20, -20, -20, -20, -20];
    expect(fitSpectralGains([-20, -20, -20, -20, -20], rendered)).toEqual([0, 0, 0, 0, 0]);
    // A uniform 6 dB louder target is loudness, not timbre: no gain.
    expect(fitSpectralGains([-14, -14, -14, -14, -14], rendered)).toEqual([0, 0, 0, 0, 0]);
    const tilted = fitSpectralGains([0, -10, -20, -30, -40], rendered);
    expect(tilted[0]).toBeGreaterThan(0);
    expect(tilted[4]).toBeLessThan(0);
    for (const gain of fitSpectralGains([40, -40, 40, -40, 40], rendered)) expect(Math.abs(gain)).toBeLessThanOrEqual(MAX_SPECTRAL_GAIN_DB);
  });
});
