/** Test audio for voice-sample uploads: WAV writers for every PCM layout, and signal edits (noise, clipping). */

export type WavLayout = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32';

const BYTES: Record<WavLayout, number> = { pcm8: 1, pcm16: 2, pcm24: 3, pcm32: 4, float32: 4 };

/** A canonical RIFF/WAVE file of `channels` interleaved copies of `samples` in the given layout. */
export function writeWav(samples: Float32Array, sampleRate: number, layout: WavLayout, channels = 1): Buffer {
  const width = BYTES[layout];
  const dataBytes = samples.length * width * channels;
  const out = Buffer.alloc(44 + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(layout === 'float32' ? 3 : 1, 20);
  out.writeUInt16LE(channels, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * width * channels, 28);
  out.writeUInt16LE(width * channels, 32);
  out.writeUInt16LE(width * 8, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  let offset = 44;
  for (const raw of samples) {
    const value = Math.max(-1, Math.min(1, raw));
    for (let channel = 0; channel < channels; channel++) {
      switch (layout) {
        case 'pcm8':
          out.writeUInt8(Math.round(value * 127) + 128, offset);
          break;
        case 'pcm16':
          out.writeInt16LE(Math.round(value * 32767), offset);
          break;
        case 'pcm24':
          out.writeIntLE(Math.round(value * 8388607), offset, 3);
          break;
        case 'pcm32':
          out.writeInt32LE(Math.round(value * 2147483647), offset);
          break;
        case 'float32':
          out.writeFloatLE(value, offset);
          break;
      }
      offset += width;
    }
  }
  return out;
}

/** Deterministic white noise added at `amplitude` (a seeded LCG, so a run is repeatable). */
export function withNoise(samples: Float32Array, amplitude: number, seed = 7): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = samples[i]! + amplitude * (state / 0x1_0000_0000 - 0.5) * 2;
  }
  return out;
}

/** Amplifies by `gain` and cuts at full scale: a recording made too hot. */
export function clipped(samples: Float32Array, gain: number): Float32Array {
  return samples.map((value) => Math.max(-1, Math.min(1, value * gain)));
}

/** Leading and trailing silence around the speech (a realistic take, long enough to judge). */
export function padded(samples: Float32Array, sampleRate: number, seconds: number): Float32Array {
  const pad = Math.round(seconds * sampleRate);
  const out = new Float32Array(samples.length + 2 * pad);
  out.set(samples, pad);
  return out;
}
