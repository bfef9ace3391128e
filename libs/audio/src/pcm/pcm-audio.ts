/** Mono floating-point audio: the value every encoder and helper in this library works on. Samples are nominally in [-1, 1]. */
export interface PcmAudio {
  readonly sampleRate: number;
  readonly channels: 1;
  readonly samples: Float32Array;
}

export function pcmAudio(sampleRate: number, samples: Float32Array): PcmAudio {
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > 655_350) {
    throw new RangeError(`Invalid sample rate: ${sampleRate}`);
  }
  return { sampleRate, channels: 1, samples };
}

export function durationSeconds(audio: PcmAudio): number {
  return audio.samples.length / audio.sampleRate;
}

export function silence(sampleRate: number, seconds: number): PcmAudio {
  return pcmAudio(sampleRate, new Float32Array(Math.round(Math.max(0, seconds) * sampleRate)));
}

/** Joins parts that share one sample rate, with `gapSeconds` of silence between consecutive parts (not before or after). */
export function concatWithGap(parts: readonly PcmAudio[], gapSeconds = 0): PcmAudio {
  if (parts.length === 0) throw new RangeError('Nothing to concatenate');
  const sampleRate = parts[0]!.sampleRate;
  if (parts.some((part) => part.sampleRate !== sampleRate)) {
    throw new RangeError('Cannot concatenate audio with different sample rates: resample first');
  }
  const gap = Math.round(Math.max(0, gapSeconds) * sampleRate);
  const total = parts.reduce((sum, part) => sum + part.samples.length, 0) + gap * (parts.length - 1);
  const samples = new Float32Array(total);
  let offset = 0;
  parts.forEach((part, index) => {
    if (index > 0) offset += gap;
    samples.set(part.samples, offset);
    offset += part.samples.length;
  });
  return pcmAudio(sampleRate, samples);
}
