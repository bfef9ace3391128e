import { pcmAudio, type PcmAudio } from './pcm-audio.js';

export const SUPPORTED_SAMPLE_RATES = [8000, 16000, 22050, 24000, 44100, 48000] as const;
export type SupportedSampleRate = (typeof SUPPORTED_SAMPLE_RATES)[number];

/** Zero crossings of the sinc on each side of the centre; more = sharper transition band, more work per sample. */
const ZERO_CROSSINGS = 16;
/** Passband edge as a fraction of the lower Nyquist frequency, leaving room for the transition band. */
const ROLLOFF = 0.94;
const KAISER_BETA = 8.6;
/** Kernel table resolution: entries per input sample of distance, linearly interpolated between. */
const TABLE_STEPS = 256;
/** Largest polyphase bank (phases × taps) worth precomputing; beyond it the interpolated table is used. */
const MAX_POLYPHASE_WEIGHTS = 1 << 21;

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 40; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

/**
 * Band-limited resampler: a Kaiser-windowed sinc evaluated at each output instant (arbitrary ratios, 22050 ↔ 48000 included).
 * Stateful, so audio arriving in chunks resamples exactly as if it had arrived whole: `append` returns what can be computed
 * so far, `end` the rest; the total output length is round(inputLength × outputRate / inputRate).
 */
export class Resampler {
  private readonly step: number;
  private readonly halfWidth: number;
  private readonly kernel: Float32Array;
  /** For integer rates the output instants cycle through `phases` fractional offsets; their weights are precomputed. */
  private readonly phases: number;
  private readonly inputStepPerOutput: number;
  private readonly polyphase: Float32Array | undefined;
  private pending = new Float32Array(0);
  private pendingStart = 0;
  private inputLength = 0;
  private outputIndex = 0;
  private ended = false;

  constructor(
    readonly inputRate: number,
    readonly outputRate: number,
  ) {
    if (!(inputRate > 0 && outputRate > 0)) throw new RangeError('Sample rates must be positive');
    this.step = inputRate / outputRate;
    const scale = Math.min(1, outputRate / inputRate);
    this.halfWidth = Math.ceil(ZERO_CROSSINGS / scale);
    const divisor = Number.isInteger(inputRate) && Number.isInteger(outputRate) ? greatestCommonDivisor(inputRate, outputRate) : 0;
    this.phases = divisor ? outputRate / divisor : 0;
    this.inputStepPerOutput = divisor ? inputRate / divisor : 0;
    const taps = 2 * this.halfWidth;
    if (this.phases > 0 && this.phases * taps <= MAX_POLYPHASE_WEIGHTS) {
      this.polyphase = new Float32Array(this.phases * taps);
      for (let phase = 0; phase < this.phases; phase++) {
        for (let tap = 0; tap < taps; tap++) {
          const distance = phase / this.phases + this.halfWidth - 1 - tap;
          this.polyphase[phase * taps + tap] = this.kernelAt(distance);
        }
      }
    }
    this.kernel = new Float32Array(this.polyphase ? 0 : this.halfWidth * TABLE_STEPS + 2);
    for (let i = 0; i < this.kernel.length; i++) this.kernel[i] = this.kernelAt(i / TABLE_STEPS);
  }

  private kernelAt(distance: number): number {
    const ratio = Math.abs(distance) / this.halfWidth;
    if (ratio >= 1) return 0;
    const cutoff = Math.min(1, this.outputRate / this.inputRate) * ROLLOFF;
    const x = Math.PI * cutoff * distance;
    const sinc = distance === 0 ? 1 : Math.sin(x) / x;
    return (cutoff * sinc * besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio))) / besselI0(KAISER_BETA);
  }

  append(chunk: Float32Array): Float32Array {
    if (this.ended) throw new Error('Resampler already ended');
    const joined = new Float32Array(this.pending.length + chunk.length);
    joined.set(this.pending);
    joined.set(chunk, this.pending.length);
    this.pending = joined;
    this.inputLength += chunk.length;
    return this.produce(false);
  }

  end(): Float32Array {
    if (this.ended) throw new Error('Resampler already ended');
    this.ended = true;
    return this.produce(true);
  }

  private produce(final: boolean): Float32Array {
    const total = Math.round((this.inputLength * this.outputRate) / this.inputRate);
    const out = new Float32Array(Math.max(0, total - this.outputIndex));
    let count = 0;
    for (;;) {
      if (final && this.outputIndex >= total) break;
      const position = this.outputIndex * this.step;
      // With a polyphase bank the centre must agree exactly with the phase, so it comes from integer arithmetic.
      const centre = this.polyphase ? Math.floor((this.outputIndex * this.inputStepPerOutput) / this.phases) : Math.floor(position);
      if (!final && centre + this.halfWidth >= this.inputLength) break;
      out[count++] = this.interpolate(position, centre);
      this.outputIndex++;
    }
    this.dropConsumedInput();
    return out.slice(0, count);
  }

  private interpolate(position: number, centre: number): number {
    if (this.polyphase) return this.interpolatePolyphase(centre);
    let sum = 0;
    const first = Math.max(centre - this.halfWidth + 1, this.pendingStart);
    const last = Math.min(centre + this.halfWidth, this.inputLength - 1);
    for (let k = first; k <= last; k++) {
      const index = Math.abs(position - k) * TABLE_STEPS;
      const whole = Math.floor(index);
      const fraction = index - whole;
      const weight = this.kernel[whole]! + (this.kernel[whole + 1]! - this.kernel[whole]!) * fraction;
      sum += this.pending[k - this.pendingStart]! * weight;
    }
    return sum;
  }

  private interpolatePolyphase(centre: number): number {
    const taps = 2 * this.halfWidth;
    const phase = (this.outputIndex * this.inputStepPerOutput) % this.phases;
    const weights = phase * taps;
    const firstInput = centre - this.halfWidth + 1;
    const firstTap = Math.max(0, this.pendingStart - firstInput);
    const lastTap = Math.min(taps - 1, this.inputLength - 1 - firstInput);
    const base = firstInput - this.pendingStart;
    let sum = 0;
    for (let tap = firstTap; tap <= lastTap; tap++) sum += this.pending[base + tap]! * this.polyphase![weights + tap]!;
    return sum;
  }

  private dropConsumedInput(): void {
    const keepFrom = Math.max(this.pendingStart, Math.floor(this.outputIndex * this.step) - this.halfWidth + 1);
    if (keepFrom > this.pendingStart) {
      this.pending = this.pending.slice(keepFrom - this.pendingStart);
      this.pendingStart = keepFrom;
    }
  }
}

export function resample(audio: PcmAudio, outputRate: number): PcmAudio {
  if (audio.sampleRate === outputRate) return audio;
  const resampler = new Resampler(audio.sampleRate, outputRate);
  const head = resampler.append(audio.samples);
  const tail = resampler.end();
  const samples = new Float32Array(head.length + tail.length);
  samples.set(head);
  samples.set(tail, head.length);
  return pcmAudio(outputRate, samples);
}
