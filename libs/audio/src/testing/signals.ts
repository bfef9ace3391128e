import { pcmAudio, type PcmAudio } from '../pcm/pcm-audio.js';

export function sine(sampleRate: number, frequency: number, seconds: number, amplitude = 0.5): PcmAudio {
  const samples = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++) samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return pcmAudio(sampleRate, samples);
}

/** Linear sweep from `from` to `to` Hz: exercises every band an encoder has. */
export function chirp(sampleRate: number, from: number, to: number, seconds: number, amplitude = 0.5): PcmAudio {
  const samples = new Float32Array(Math.round(sampleRate * seconds));
  const rate = (to - from) / seconds;
  for (let i = 0; i < samples.length; i++) {
    const t = i / sampleRate;
    samples[i] = amplitude * Math.sin(2 * Math.PI * (from * t + (rate * t * t) / 2));
  }
  return pcmAudio(sampleRate, samples);
}

/** Deterministic white noise (mulberry32), so a failing test fails the same way every run. */
export function noise(sampleRate: number, seconds: number, amplitude = 0.5, seed = 1): PcmAudio {
  let state = seed >>> 0;
  const samples = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    samples[i] = amplitude * ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1);
  }
  return pcmAudio(sampleRate, samples);
}

/** Power of one frequency by the Goertzel algorithm, normalised by length. */
export function toneMagnitude(samples: Float32Array, sampleRate: number, frequency: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of samples) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return Math.sqrt(Math.max(0, power)) / samples.length;
}

/** The frequency (1 Hz grid within `from`..`to`) with the highest Goertzel magnitude. */
export function dominantFrequency(samples: Float32Array, sampleRate: number, from: number, to: number): number {
  let best = from;
  let bestMagnitude = -1;
  for (let frequency = from; frequency <= to; frequency++) {
    const magnitude = toneMagnitude(samples, sampleRate, frequency);
    if (magnitude > bestMagnitude) [best, bestMagnitude] = [frequency, magnitude];
  }
  return best;
}

export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
}

/** Best normalised cross-correlation of `b` against `a` over lags 0..maxLag (codecs delay their output). */
export function bestCorrelation(a: Float32Array, b: Float32Array, maxLag: number): { correlation: number; lag: number } {
  let best = { correlation: -1, lag: 0 };
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let dot = 0;
    let energyA = 0;
    let energyB = 0;
    for (let i = Math.max(0, -lag); i < a.length && i + lag < b.length; i++) {
      const x = a[i]!;
      const y = b[i + lag]!;
      dot += x * y;
      energyA += x * x;
      energyB += y * y;
    }
    const correlation = dot / Math.sqrt(energyA * energyB || 1);
    if (correlation > best.correlation) best = { correlation, lag };
  }
  return best;
}
