import { LEVEL_FLOOR_DB } from './loudness.js';

const WINDOW_SECONDS = 0.025;

/**
 * Level (10·log10 of the mean square, so a full-scale square wave reads 0 dB) of a 25 ms window centred on each
 * analysis frame (frame i centred at (i + 0.5) × hop), floored at LEVEL_FLOOR_DB.
 */
export function frameLevelsDb(samples: Float32Array, sampleRate: number, hop: number): Float64Array {
  const frameCount = Math.ceil(samples.length / hop);
  const half = Math.round((WINDOW_SECONDS * sampleRate) / 2);
  const levels = new Float64Array(frameCount);
  for (let frame = 0; frame < frameCount; frame++) {
    const centre = Math.round((frame + 0.5) * hop);
    const first = Math.max(0, centre - half);
    const last = Math.min(samples.length, centre + half);
    let sum = 0;
    for (let i = first; i < last; i++) sum += samples[i]! * samples[i]!;
    const meanSquare = sum / Math.max(1, 2 * half);
    levels[frame] = meanSquare > 0 ? Math.max(LEVEL_FLOOR_DB, 10 * Math.log10(meanSquare)) : LEVEL_FLOOR_DB;
  }
  return levels;
}

/** First-order DC blocker (−3 dB at 20 Hz): offsets and rumble would otherwise read as level in quiet frames. */
export function removeDc(samples: Float32Array, sampleRate: number): Float32Array {
  const r = 1 - (2 * Math.PI * 20) / sampleRate;
  const out = new Float32Array(samples.length);
  let previousIn = 0;
  let previousOut = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    previousOut = x - previousIn + r * previousOut;
    previousIn = x;
    out[i] = previousOut;
  }
  return out;
}
