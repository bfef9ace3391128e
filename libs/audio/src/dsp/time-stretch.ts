import { hannWindow } from './fft.js';

/** Frame length: two periods of an 80 Hz voice, long enough to hold whole glottal cycles, short enough to follow phones. */
const FRAME_SECONDS = 0.03;
/** How far (each way) a frame may move from its nominal position to line up with the previous one: > half the longest period. */
const TOLERANCE_SECONDS = 0.01;

/**
 * WSOLA time-scale modification: the output lasts `stretch` × the input (round(length × stretch) samples) at the same
 * pitch. Each 30 ms Hann frame is taken from near its nominal input position, shifted by up to ±10 ms to the offset
 * whose waveform best continues the previous frame (normalised cross-correlation), and overlap-added at a hop of half
 * a frame, so periods line up instead of beating (no phasiness, no clicks).
 */
export function timeStretch(samples: Float32Array, sampleRate: number, stretch: number): Float32Array {
  if (!(stretch > 0) || !Number.isFinite(stretch)) throw new RangeError(`Invalid stretch: ${stretch}`);
  const outLength = Math.round(samples.length * stretch);
  const out = new Float32Array(outLength);
  if (outLength === 0) return out;
  const hop = Math.max(1, Math.round((FRAME_SECONDS * sampleRate) / 2));
  const frame = 2 * hop;
  const tolerance = Math.max(1, Math.round(TOLERANCE_SECONDS * sampleRate));
  const analysisHop = hop / stretch;
  const window = hannWindow(frame);
  // Zero padding on both sides lets frames hang over the ends without bounds checks.
  const pad = 2 * frame + tolerance + 2;
  const padded = new Float32Array(samples.length + 2 * pad);
  padded.set(samples, pad);
  let previous = 0;
  for (let k = 0; ; k++) {
    const outStart = k * hop - hop;
    if (outStart >= outLength) break;
    const nominal = Math.round(k * analysisHop) - hop + pad;
    const chosen = k === 0 ? nominal : bestAlignment(padded, previous + hop, nominal, tolerance, frame);
    const first = Math.max(0, -outStart);
    const last = Math.min(frame, outLength - outStart);
    for (let n = first; n < last; n++) out[outStart + n]! += window[n]! * padded[chosen + n]!;
    previous = chosen;
  }
  return out;
}

/**
 * Start in [nominal − tolerance, nominal + tolerance] whose frame correlates best with the one at `natural`:
 * a coarse pass on every other offset and sample, then a full-resolution pass around the coarse winner.
 */
function bestAlignment(signal: Float32Array, natural: number, nominal: number, tolerance: number, frame: number): number {
  let best = nominal;
  let bestScore = score(signal, natural, nominal, frame, 2);
  for (let delta = -tolerance; delta <= tolerance; delta += 2) {
    const candidate = nominal + delta;
    const value = score(signal, natural, candidate, frame, 2);
    if (value > bestScore + 1e-9) [best, bestScore] = [candidate, value];
  }
  const centre = best;
  bestScore = score(signal, natural, centre, frame, 1);
  for (const candidate of [centre - 1, centre + 1]) {
    if (Math.abs(candidate - nominal) > tolerance) continue;
    const value = score(signal, natural, candidate, frame, 1);
    if (value > bestScore + 1e-9) [best, bestScore] = [candidate, value];
  }
  return best;
}

function score(signal: Float32Array, natural: number, candidate: number, frame: number, step: number): number {
  let dot = 0;
  let energy = 0;
  for (let n = 0; n < frame; n += step) {
    const value = signal[candidate + n]!;
    dot += signal[natural + n]! * value;
    energy += value * value;
  }
  return energy > 0 ? dot / Math.sqrt(energy) : 0;
}
