import { Fft, hannWindow, nextPowerOfTwo } from '../dsp/fft.js';
import { SPECTRAL_BAND_COUNT, SPECTRAL_BANDS_HZ } from '../dsp/spectral-bands.js';

const WINDOW_SECONDS = 0.032;
/** Envelope frames are taken every `FRAME_STRIDE` analysis frames (20 ms): a long-term mean needs no more. */
const FRAME_STRIDE = 2;
/** Value of bands the audio cannot hold (above its Nyquist frequency), and the lowest any band reads, in dB relative. */
export const ENVELOPE_FLOOR_DB = -60;

/**
 * Long-term spectral envelope: for every other active frame (32 ms Hann window), the mean power per FFT bin in each
 * SPECTRAL_BANDS_HZ band in dB; averaged over those frames (mean of logs, so loud frames do not dominate), then
 * shifted so the bands average 0 dB — level-independent, only the shape remains. Two real frames share one complex FFT.
 */
export function spectralEnvelope(signal: Float32Array, sampleRate: number, hop: number, active: Uint8Array): number[] {
  const windowLength = Math.round(WINDOW_SECONDS * sampleRate);
  const size = nextPowerOfTwo(windowLength);
  const fft = new Fft(size);
  const window = hannWindow(windowLength);
  const bins = bandBins(size, sampleRate);
  const sums = new Float64Array(SPECTRAL_BAND_COUNT);
  const real = new Float64Array(size);
  const imag = new Float64Array(size);
  const frames: number[] = [];
  for (let frame = 0; frame < active.length; frame += FRAME_STRIDE) if (active[frame]) frames.push(frame);
  const load = (target: Float64Array, frame: number): void => {
    const start = Math.round((frame + 0.5) * hop - windowLength / 2);
    for (let n = 0; n < windowLength; n++) {
      const index = start + n;
      target[n] = index >= 0 && index < signal.length ? signal[index]! * window[n]! : 0;
    }
  };
  const first = new Float64Array(size / 2 + 1);
  const second = new Float64Array(size / 2 + 1);
  for (let pair = 0; pair < frames.length; pair += 2) {
    real.fill(0);
    imag.fill(0);
    load(real, frames[pair]!);
    const hasSecond = pair + 1 < frames.length;
    if (hasSecond) load(imag, frames[pair + 1]!);
    fft.forward(real, imag);
    // Z = X + iY with X, Y real: X[k] = (Z[k] + conj Z[N−k]) / 2, Y[k] = (Z[k] − conj Z[N−k]) / 2i.
    for (let k = 0; k <= size / 2; k++) {
      const mirror = (size - k) % size;
      const xr = (real[k]! + real[mirror]!) / 2;
      const xi = (imag[k]! - imag[mirror]!) / 2;
      const yr = (imag[k]! + imag[mirror]!) / 2;
      const yi = (real[mirror]! - real[k]!) / 2;
      first[k] = xr * xr + xi * xi;
      second[k] = yr * yr + yi * yi;
    }
    addBandLevels(first, bins, sums);
    if (hasSecond) addBandLevels(second, bins, sums);
  }
  const envelope = new Array<number>(SPECTRAL_BAND_COUNT).fill(ENVELOPE_FLOOR_DB);
  if (frames.length === 0) return envelope.fill(0);
  let total = 0;
  let present = 0;
  for (let band = 0; band < SPECTRAL_BAND_COUNT; band++) {
    if (!bins[band]) continue;
    envelope[band] = sums[band]! / frames.length;
    total += envelope[band]!;
    present++;
  }
  const meanLevel = total / present;
  for (let band = 0; band < SPECTRAL_BAND_COUNT; band++) {
    if (bins[band]) envelope[band] = Math.max(ENVELOPE_FLOOR_DB, envelope[band]! - meanLevel);
  }
  return envelope;
}

/** FFT bin range [from, to) of each band, or undefined for bands that start above the Nyquist frequency. */
function bandBins(size: number, sampleRate: number): ([number, number] | undefined)[] {
  const binHz = sampleRate / size;
  const nyquistBin = size / 2;
  return Array.from({ length: SPECTRAL_BAND_COUNT }, (_, band) => {
    const low = SPECTRAL_BANDS_HZ[band]!;
    const high = SPECTRAL_BANDS_HZ[band + 1]!;
    const from = Math.ceil(low / binHz);
    if (from > nyquistBin) return undefined;
    const to = Math.min(nyquistBin + 1, Math.ceil(high / binHz));
    // A band narrower than a bin (80–117 Hz at 16 kHz) takes the bin nearest its centre.
    if (to <= from) {
      const nearest = Math.round(Math.sqrt(low * high) / binHz);
      return [nearest, nearest + 1];
    }
    return [from, to];
  });
}

function addBandLevels(power: Float64Array, bins: readonly ([number, number] | undefined)[], sums: Float64Array): void {
  for (let band = 0; band < bins.length; band++) {
    const range = bins[band];
    if (!range) continue;
    let sum = 0;
    for (let k = range[0]; k < range[1]; k++) sum += power[k]!;
    sums[band]! += 10 * Math.log10(sum / (range[1] - range[0]) + 1e-20);
  }
}
