const LIMIT = 0.98;

/**
 * Float samples → signed 16-bit, after `gain`. A peak limiter keeps the result from clipping:
 * when the gained peak would pass the ceiling, the whole clip is scaled down to it, so the wave
 * keeps its shape instead of being flattened at full scale.
 */
export function toPcm16(samples: Float32Array, gain: number): Int16Array {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  const scale = peak * gain > LIMIT ? LIMIT / peak : gain;
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.round(samples[i]! * scale * 32767);
  return out;
}

/** Raw little-endian s16 bytes (the `pcm` format). */
export function pcm16Bytes(samples: Int16Array): Buffer {
  const bytes = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i]!, i * 2);
  return bytes;
}
