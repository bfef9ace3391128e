import { floatToInt16, int16ToLittleEndianBytes } from '../pcm/sample-format.js';
import type { StreamingEncoder } from '../streaming-encoder.js';
import { wavHeader } from './wav-encoder.js';

/** Chunked WAV: the first chunk carries a header with the 0xFFFFFFFF "unknown length" sizes, then plain 16-bit samples. */
export class StreamingWavEncoder implements StreamingEncoder {
  private headerSent = false;

  constructor(readonly sampleRate: number) {}

  append(samples: Float32Array): Uint8Array {
    const data = int16ToLittleEndianBytes(floatToInt16(samples));
    if (this.headerSent) return data;
    this.headerSent = true;
    const header = wavHeader(this.sampleRate);
    const chunk = new Uint8Array(header.length + data.length);
    chunk.set(header);
    chunk.set(data, header.length);
    return chunk;
  }

  end(): Uint8Array {
    return this.headerSent ? new Uint8Array(0) : this.append(new Float32Array(0));
  }
}

export class StreamingPcmEncoder implements StreamingEncoder {
  append(samples: Float32Array): Uint8Array {
    return int16ToLittleEndianBytes(floatToInt16(samples));
  }

  end(): Uint8Array {
    return new Uint8Array(0);
  }
}
