/** Float [-1, 1] to signed 16-bit, clamping anything outside the range (the limiter should already have kept it inside). */
export function floatToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i]!;
    const clamped = value > 1 ? 1 : value < -1 ? -1 : Number.isNaN(value) ? 0 : value;
    out[i] = Math.round(clamped * 32767);
  }
  return out;
}

export function int16ToFloat(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

/** Little-endian bytes of 16-bit samples, independent of the host's byte order. */
export function int16ToLittleEndianBytes(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i]!, true);
  return bytes;
}
