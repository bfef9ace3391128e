import { limitedSample } from './soft-limiter.js';

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Float [-1, 1] to signed 16-bit, clamping anything outside the range (the limiter should already
 * have kept it inside). Written into `out` when given (e.g. a view into a file being assembled).
 * With `gain`, each sample is first multiplied and passed through the soft limiter, as `applyGain`
 * does, in the same pass.
 */
export function floatToInt16(
  samples: Float32Array,
  out: Int16Array<ArrayBufferLike> = new Int16Array(samples.length),
  gain?: number,
): Int16Array<ArrayBufferLike> {
  if (gain !== undefined && (!Number.isFinite(gain) || gain < 0)) throw new RangeError(`Invalid gain factor: ${gain}`);
  for (let i = 0; i < samples.length; i++) {
    const value = gain === undefined ? samples[i]! : limitedSample(samples[i]! * gain);
    const clamped = value > 1 ? 1 : value < -1 ? -1 : value === value ? value : 0;
    // Math.round (ties towards +infinity), without the call: floor(x + 0.5) on the scaled value.
    const scaled = clamped * 32767 + 0.5;
    const truncated = scaled | 0;
    out[i] = truncated > scaled ? truncated - 1 : truncated;
  }
  return out;
}

export function int16ToFloat(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

/**
 * Float samples as signed 16-bit little-endian into `target` from `offset` (e.g. after a file header),
 * without an intermediate array on little-endian hosts.
 */
export function writeInt16LittleEndian(samples: Float32Array, target: Uint8Array, offset: number, gain?: number): void {
  if (target.length - offset < samples.length * 2) throw new RangeError('target too small for the samples');
  if (LITTLE_ENDIAN_HOST && (target.byteOffset + offset) % 2 === 0) {
    floatToInt16(samples, new Int16Array(target.buffer, target.byteOffset + offset, samples.length), gain);
  } else {
    target.set(int16ToLittleEndianBytes(floatToInt16(samples, undefined, gain)), offset);
  }
}

/** Little-endian bytes of 16-bit samples, independent of the host's byte order. */
export function int16ToLittleEndianBytes(samples: Int16Array): Uint8Array {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i]!, true);
  return bytes;
}
