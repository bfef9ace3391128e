import { Mp3Encoder } from '@breezystack/lamejs';
import type { PcmAudio } from '../pcm/pcm-audio.js';
import { floatToInt16 } from '../pcm/sample-format.js';
import type { StreamingEncoder } from '../streaming-encoder.js';

export interface Mp3Options {
  /** Constant bitrate in kbit/s. */
  readonly bitrate?: number;
}

const DEFAULT_BITRATE = 64;
const MP3_RATES: ReadonlySet<number> = new Set([8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000]);
const BITRATES: ReadonlySet<number> = new Set([8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 192, 224, 256, 320]);
/** 16 MPEG-1 Layer III frames per lamejs call: measured ~15 % faster than frame by frame, with bounded buffers. */
const CHUNK_SAMPLES = 1152 * 16;

/** lamejs is typed as returning Uint8Array but hands back Int8Array views; reinterpret the same bytes. */
function asBytes(chunk: ArrayBufferView): Uint8Array {
  return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** CBR MP3 through lamejs; each `append` returns the frames completed so far. */
export class StreamingMp3Encoder implements StreamingEncoder {
  private readonly lame: Mp3Encoder;
  private ended = false;

  constructor(
    readonly sampleRate: number,
    options: Mp3Options = {},
  ) {
    if (!MP3_RATES.has(sampleRate)) throw new RangeError(`MP3 does not support ${sampleRate} Hz: resample first`);
    const bitrate = options.bitrate ?? DEFAULT_BITRATE;
    if (!BITRATES.has(bitrate)) throw new RangeError(`Unsupported MP3 bitrate: ${bitrate} kbit/s`);
    this.lame = new Mp3Encoder(1, sampleRate, bitrate);
  }

  append(samples: Float32Array): Uint8Array {
    if (this.ended) throw new Error('Encoder already ended');
    const pcm = floatToInt16(samples);
    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < pcm.length; offset += CHUNK_SAMPLES) {
      chunks.push(asBytes(this.lame.encodeBuffer(pcm.subarray(offset, offset + CHUNK_SAMPLES))));
    }
    return Uint8Array.from(Buffer.concat(chunks));
  }

  end(): Uint8Array {
    if (this.ended) throw new Error('Encoder already ended');
    this.ended = true;
    return Uint8Array.from(asBytes(this.lame.flush()));
  }
}

export function encodeMp3(audio: PcmAudio, options: Mp3Options = {}): Uint8Array {
  const encoder = new StreamingMp3Encoder(audio.sampleRate, options);
  return Buffer.concat([encoder.append(audio.samples), encoder.end()]);
}
