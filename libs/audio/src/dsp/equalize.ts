import { Fft, hannWindow, nextPowerOfTwo } from './fft.js';
import { SPECTRAL_BAND_COUNT, SPECTRAL_BANDS_HZ } from './spectral-bands.js';

/** Share of a band's log-width over which the gain glides (raised cosine) into the neighbour's, on each side of an edge. */
const TRANSITION_SHARE = 0.2;
/** Length of the correction filter; its frequency resolution (1 / length) must resolve the 80–117 Hz band's transitions. */
const FILTER_SECONDS = 0.128;

/**
 * Gain (dB) of the correction curve at `frequency`: each band's gain holds across its middle and glides into its
 * neighbours' over ±20 % of a band's log-width around each edge; below 80 Hz the first band's gain holds, above
 * 8 kHz the last band's.
 */
export function equalizerGainDb(bandGainsDb: readonly number[], frequency: number): number {
  const edges = SPECTRAL_BANDS_HZ;
  const logWidth = Math.log(edges[edges.length - 1]! / edges[0]!) / SPECTRAL_BAND_COUNT;
  const u = Math.log(Math.max(frequency, 1));
  let gain = bandGainsDb[0]!;
  for (let edge = 1; edge < SPECTRAL_BAND_COUNT; edge++) {
    const position = (u - Math.log(edges[edge]!)) / (TRANSITION_SHARE * logWidth);
    if (position <= -1) break;
    const below = bandGainsDb[edge - 1]!;
    const above = bandGainsDb[edge]!;
    if (position >= 1) gain = above;
    else gain = below + ((above - below) * (1 - Math.cos((Math.PI * (position + 1)) / 2))) / 2;
  }
  return gain;
}

/**
 * Smooth spectral-envelope correction: `bandGainsDb[i]` (dB) is applied to band i of SPECTRAL_BANDS_HZ, with
 * raised-cosine glides between neighbouring bands (see equalizerGainDb). Implemented as one linear-phase FIR
 * (frequency-sampled curve, Hann-windowed, 128 ms) applied by FFT overlap-add and delay-compensated, so the
 * output has the input's length and alignment and no frame artefacts. All-zero gains return the input itself.
 * No limiting: boosting can push peaks past full scale, which the caller's limiter handles.
 */
export function equalize(samples: Float32Array, sampleRate: number, bandGainsDb: readonly number[]): Float32Array {
  if (bandGainsDb.length !== SPECTRAL_BAND_COUNT) {
    throw new RangeError(`equalize needs ${SPECTRAL_BAND_COUNT} band gains, got ${bandGainsDb.length}`);
  }
  if (bandGainsDb.some((gain) => !Number.isFinite(gain))) throw new RangeError('Band gains must be finite');
  if (bandGainsDb.every((gain) => gain === 0) || samples.length === 0) return samples;
  const kernel = designKernel(sampleRate, bandGainsDb);
  return convolveCentred(samples, kernel);
}

/** Odd-length zero-phase FIR whose response follows equalizerGainDb, as taps centred on kernel.length >> 1. */
function designKernel(sampleRate: number, bandGainsDb: readonly number[]): Float64Array {
  const designSize = nextPowerOfTwo(Math.round(sampleRate * FILTER_SECONDS));
  const fft = new Fft(designSize);
  const real = new Float64Array(designSize);
  const imag = new Float64Array(designSize);
  for (let k = 0; k <= designSize / 2; k++) {
    const gain = 10 ** (equalizerGainDb(bandGainsDb, (k * sampleRate) / designSize) / 20);
    real[k] = gain;
    if (k > 0 && k < designSize / 2) real[designSize - k] = gain;
  }
  fft.inverse(real, imag);
  const taps = designSize - 1;
  const half = taps >> 1;
  const window = hannWindow(taps + 1);
  const kernel = new Float64Array(taps);
  for (let n = -half; n <= half; n++) kernel[n + half] = real[(n + designSize) % designSize]! * window[n + half + 1]!;
  return kernel;
}

/** y[n] = Σ kernel[j] · x[n + half − j]: linear convolution by FFT overlap-add, shifted back by the kernel's centre. */
function convolveCentred(samples: Float32Array, kernel: Float64Array): Float32Array {
  const taps = kernel.length;
  const half = taps >> 1;
  const size = nextPowerOfTwo(2 * taps);
  const block = size - taps + 1;
  const fft = new Fft(size);
  const kernelReal = new Float64Array(size);
  const kernelImag = new Float64Array(size);
  kernelReal.set(kernel);
  fft.forward(kernelReal, kernelImag);
  const real = new Float64Array(size);
  const imag = new Float64Array(size);
  const out = new Float32Array(samples.length);
  // Full convolution index m = n + half lands on output n.
  for (let start = 0; start < samples.length; start += block) {
    real.fill(0);
    imag.fill(0);
    const end = Math.min(samples.length, start + block);
    for (let i = start; i < end; i++) real[i - start] = samples[i]!;
    fft.forward(real, imag);
    for (let k = 0; k < size; k++) {
      const ar = real[k]!;
      const ai = imag[k]!;
      const br = kernelReal[k]!;
      const bi = kernelImag[k]!;
      real[k] = ar * br - ai * bi;
      imag[k] = ar * bi + ai * br;
    }
    fft.inverse(real, imag);
    const produced = end - start + taps - 1;
    for (let i = 0; i < produced; i++) {
      const n = start + i - half;
      if (n >= 0 && n < out.length) out[n]! += real[i]!;
    }
  }
  return out;
}
