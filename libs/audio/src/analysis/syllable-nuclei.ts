/** Envelope smoothing: a 50 ms moving average, about a third of the shortest syllable. */
const SMOOTHING_FRAMES = 5;
/** A new nucleus must rise this far above the dip that separates it from the previous one. */
const MIN_DIP_DB = 2;

/**
 * Syllable nuclei counted as peaks of the smoothed frame-level envelope (dB) that lie on active, voiced frames and
 * are separated from the previous nucleus by a dip at least 2 dB deep on both sides; of two peaks without such a dip between them only
 * the higher counts (after de Jong & Wempe's intensity-peak method).
 */
export function countSyllableNuclei(levelsDb: Float64Array, active: Uint8Array, voiced: Uint8Array): number {
  const smoothed = movingAverage(levelsDb, SMOOTHING_FRAMES);
  let count = 0;
  let lastPeak = -1;
  let dip = Infinity;
  for (let i = 1; i < smoothed.length - 1; i++) {
    const level = smoothed[i]!;
    dip = Math.min(dip, level);
    if (!(level > smoothed[i - 1]! && level >= smoothed[i + 1]!)) continue;
    if (!active[i] || !voiced[i]) continue;
    if (lastPeak < 0 || (level - dip >= MIN_DIP_DB && smoothed[lastPeak]! - dip >= MIN_DIP_DB)) {
      count++;
      lastPeak = i;
      dip = level;
    } else if (level > smoothed[lastPeak]!) {
      // Same syllable, higher crest: move the nucleus there and measure the next dip from it.
      lastPeak = i;
      dip = level;
    }
  }
  return count;
}

function movingAverage(values: Float64Array, width: number): Float64Array {
  const half = width >> 1;
  const out = new Float64Array(values.length);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length + half; i++) {
    if (i < values.length) {
      sum += values[i]!;
      count++;
    }
    if (i - width >= 0 && i - width < values.length) {
      sum -= values[i - width]!;
      count--;
    }
    const centre = i - half;
    if (centre >= 0 && centre < values.length) out[centre] = sum / count;
  }
  return out;
}
