/** Floor reported for levels of digital silence, which have no finite logarithm; keeps every figure JSON-safe. */
export const LEVEL_FLOOR_DB = -120;

const BLOCK_SECONDS = 0.4;
const BLOCK_STEP_SECONDS = 0.1;
const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/**
 * The two K-weighting stages of ITU-R BS.1770 (high-shelf +4 dB around 1.7 kHz, then a 38 Hz high-pass), derived
 * from their analog prototypes by the bilinear transform at `sampleRate`, which reproduces the standard's 48 kHz
 * coefficients and gives the same curve at any other rate.
 */
export function kWeightingFilters(sampleRate: number): [Biquad, Biquad] {
  const shelfK = Math.tan((Math.PI * 1681.974450955533) / sampleRate);
  const shelfQ = 0.7071752369554196;
  const vh = 10 ** (3.999843853973347 / 20);
  const vb = vh ** 0.4996667741545416;
  const shelfA0 = 1 + shelfK / shelfQ + shelfK * shelfK;
  const shelf: Biquad = {
    b0: (vh + (vb * shelfK) / shelfQ + shelfK * shelfK) / shelfA0,
    b1: (2 * (shelfK * shelfK - vh)) / shelfA0,
    b2: (vh - (vb * shelfK) / shelfQ + shelfK * shelfK) / shelfA0,
    a1: (2 * (shelfK * shelfK - 1)) / shelfA0,
    a2: (1 - shelfK / shelfQ + shelfK * shelfK) / shelfA0,
  };
  const passK = Math.tan((Math.PI * 38.13547087602444) / sampleRate);
  const passQ = 0.5003270373238773;
  const passA0 = 1 + passK / passQ + passK * passK;
  const highPass: Biquad = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (passK * passK - 1)) / passA0,
    a2: (1 - passK / passQ + passK * passK) / passA0,
  };
  return [shelf, highPass];
}

/** Sum of squares of the K-weighted signal over each consecutive `step`-sample segment (the last may be shorter). */
function kWeightedSegmentEnergies(samples: Float32Array, sampleRate: number, step: number): Float64Array {
  const [shelf, highPass] = kWeightingFilters(sampleRate);
  const segments = new Float64Array(Math.ceil(samples.length / step));
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  let z1 = 0;
  let z2 = 0;
  for (let segment = 0; segment < segments.length; segment++) {
    const end = Math.min(samples.length, (segment + 1) * step);
    let sum = 0;
    for (let i = segment * step; i < end; i++) {
      const x = samples[i]!;
      const y = shelf.b0 * x + shelf.b1 * x1 + shelf.b2 * x2 - shelf.a1 * y1 - shelf.a2 * y2;
      x2 = x1;
      x1 = x;
      const z = highPass.b0 * y + highPass.b1 * y1 + highPass.b2 * y2 - highPass.a1 * z1 - highPass.a2 * z2;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      sum += z * z;
    }
    segments[segment] = sum;
  }
  return segments;
}

function blockLoudness(meanSquare: number): number {
  return -0.691 + 10 * Math.log10(meanSquare);
}

/**
 * Integrated loudness (LUFS) of a mono signal per ITU-R BS.1770-4: K-weighting, 400 ms blocks every 100 ms,
 * absolute gate at −70 LUFS, relative gate 10 LU below the mean of the blocks that pass it. Audio shorter than one
 * block is measured as a single block. Silence (no block passes the gates) reads LEVEL_FLOOR_DB.
 */
export function integratedLoudness(samples: Float32Array, sampleRate: number): number {
  if (samples.length === 0) return LEVEL_FLOOR_DB;
  // Blocks are four consecutive 100 ms segments, so the filtered signal is never held whole.
  const step = Math.max(1, Math.round(BLOCK_STEP_SECONDS * sampleRate));
  const segmentsPerBlock = Math.round(BLOCK_SECONDS / BLOCK_STEP_SECONDS);
  const segments = kWeightedSegmentEnergies(samples, sampleRate, step);
  const blockLength = segmentsPerBlock * step;
  const blocks: number[] = [];
  if (samples.length <= blockLength) blocks.push(segments.reduce((sum, energy) => sum + energy, 0) / samples.length);
  else {
    for (let first = 0; (first + segmentsPerBlock) * step <= samples.length; first++) {
      let energy = 0;
      for (let segment = first; segment < first + segmentsPerBlock; segment++) energy += segments[segment]!;
      blocks.push(energy / blockLength);
    }
  }
  const aboveAbsolute = blocks.filter((power) => power > 0 && blockLoudness(power) > ABSOLUTE_GATE_LUFS);
  if (aboveAbsolute.length === 0) return LEVEL_FLOOR_DB;
  const relativeGate = blockLoudness(mean(aboveAbsolute)) + RELATIVE_GATE_LU;
  const gated = aboveAbsolute.filter((power) => blockLoudness(power) > relativeGate);
  return Math.max(LEVEL_FLOOR_DB, blockLoudness(mean(gated)));
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
