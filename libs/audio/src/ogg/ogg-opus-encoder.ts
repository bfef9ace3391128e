import OpusScript from 'opusscript';
import type { PcmAudio } from '../pcm/pcm-audio.js';
import { Resampler } from '../pcm/resampler.js';
import { floatToInt16 } from '../pcm/sample-format.js';
import type { StreamingEncoder } from '../streaming-encoder.js';
import { OggMuxer } from './ogg-muxer.js';
import { OPUS_PRE_SKIP, opusHead, opusTags } from './opus-headers.js';

export interface OggOpusOptions {
  /** Bits per second; Opus is transparent for speech well below music rates. */
  readonly bitrate?: number;
  /** `voip` favours intelligibility at low bitrates, `audio` waveform fidelity. */
  readonly application?: 'voip' | 'audio';
  /** libopus encoder complexity 0–10: lower is faster at a small cost in quality per bit. */
  readonly complexity?: number;
  /** Ogg stream serial number; fixed by default so identical input gives identical bytes (cacheable). */
  readonly serial?: number;
}

const DEFAULT_BITRATE = 32_000;
/** Measured: 5 encodes about twice as fast as 10 at the same bitrate, which the real-time-factor budget needs. */
const DEFAULT_COMPLEXITY = 5;
const OPUS_SET_COMPLEXITY_REQUEST = 4010;
const OPUS_RATES = [8000, 12000, 16000, 24000, 48000] as const;
/** 20 ms frames: the usual Opus frame length. */
const FRAMES_PER_SECOND = 50;
const GRANULES_PER_FRAME = 48_000 / FRAMES_PER_SECOND;
/** Close an audio page after about a second of packets, keeping the Ogg overhead under 1 %. */
const PACKETS_PER_PAGE = 50;

/**
 * The rate libopus is fed at: the source rate when libopus accepts it, else the next accepted rate above it
 * (22050 → 24000, 44100 → 48000), which keeps the whole source band at the lowest encoding cost.
 */
function opusInputRate(sampleRate: number): (typeof OPUS_RATES)[number] {
  return OPUS_RATES.find((rate) => rate >= sampleRate) ?? 48_000;
}

/**
 * Opus in Ogg (RFC 7845), mono; the stream's timeline (granule positions, pre-skip) is always 48 kHz as the mapping requires.
 * Each `append` returns whole pages for what has been encoded so far.
 */
export class StreamingOggOpusEncoder implements StreamingEncoder {
  private readonly opus: OpusScript;
  private readonly muxer: OggMuxer;
  private readonly resampler: Resampler | undefined;
  private readonly encodeRate: (typeof OPUS_RATES)[number];
  private readonly frameSize: number;
  private pending = new Float32Array(0);
  private headers: Uint8Array[];
  private inputSamples = 0;
  private packets = 0;
  private packetsOnPage = 0;
  private ended = false;

  constructor(
    readonly sampleRate: number,
    options: OggOpusOptions = {},
  ) {
    this.encodeRate = opusInputRate(sampleRate);
    this.resampler = this.encodeRate === sampleRate ? undefined : new Resampler(sampleRate, this.encodeRate);
    this.frameSize = this.encodeRate / FRAMES_PER_SECOND;
    const application = options.application === 'voip' ? OpusScript.Application.VOIP : OpusScript.Application.AUDIO;
    this.opus = new OpusScript(this.encodeRate, 1, application);
    const complexity = options.complexity ?? DEFAULT_COMPLEXITY;
    if (!Number.isInteger(complexity) || complexity < 0 || complexity > 10) throw new RangeError(`Invalid Opus complexity: ${complexity}`);
    this.opus.setBitrate(options.bitrate ?? DEFAULT_BITRATE);
    this.opus.encoderCTL(OPUS_SET_COMPLEXITY_REQUEST, complexity);
    this.muxer = new OggMuxer(options.serial ?? 0x566f7866);
    // OpusHead alone on the first page, OpusTags finishing the second: the mapping requires both page breaks.
    const headPages = [...this.muxer.addPacket(opusHead(sampleRate), 0n), this.muxer.flush()!];
    const tagPages = [...this.muxer.addPacket(opusTags('voxify libs/audio'), 0n), this.muxer.flush()!];
    this.headers = [...headPages, ...tagPages];
  }

  append(samples: Float32Array): Uint8Array {
    if (this.ended) throw new Error('Encoder already ended');
    this.inputSamples += samples.length;
    const pages = this.takeHeaders();
    this.queue(this.resampler ? this.resampler.append(samples) : samples);
    pages.push(...this.encodeWholeFrames());
    const page = this.muxer.flush();
    if (page) pages.push(page);
    this.packetsOnPage = 0;
    return concat(pages);
  }

  end(): Uint8Array {
    if (this.ended) throw new Error('Encoder already ended');
    this.ended = true;
    const pages = this.takeHeaders();
    if (this.resampler) this.queue(this.resampler.end());
    // Pad with silence until the packets cover the pre-skip plus every input sample, then trim with the final granule.
    const finalGranule = OPUS_PRE_SKIP + Math.round((this.inputSamples * 48_000) / this.sampleRate);
    const framesNeeded = Math.ceil(finalGranule / GRANULES_PER_FRAME);
    const padding = Math.max(0, (framesNeeded - this.packets) * this.frameSize - this.pending.length);
    this.queue(new Float32Array(padding));
    pages.push(...this.encodeWholeFrames(BigInt(finalGranule), framesNeeded));
    pages.push(this.muxer.flush(true)!);
    this.opus.delete();
    return concat(pages);
  }

  private takeHeaders(): Uint8Array[] {
    const headers = this.headers;
    this.headers = [];
    return headers;
  }

  private queue(samples: Float32Array): void {
    const joined = new Float32Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    this.pending = joined;
  }

  private encodeWholeFrames(finalGranule?: bigint, lastPacket?: number): Uint8Array[] {
    const pages: Uint8Array[] = [];
    let offset = 0;
    while (this.pending.length - offset >= this.frameSize && (lastPacket === undefined || this.packets < lastPacket)) {
      const frame = floatToInt16(this.pending.subarray(offset, offset + this.frameSize));
      offset += this.frameSize;
      const packet = this.opus.encode(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), this.frameSize);
      this.packets++;
      const isLast = lastPacket !== undefined && this.packets === lastPacket;
      const granule = isLast && finalGranule !== undefined ? finalGranule : BigInt(this.packets * GRANULES_PER_FRAME);
      pages.push(...this.muxer.addPacket(new Uint8Array(packet), granule));
      if (++this.packetsOnPage >= PACKETS_PER_PAGE && !isLast) {
        const page = this.muxer.flush();
        if (page) pages.push(page);
        this.packetsOnPage = 0;
      }
    }
    this.pending = this.pending.slice(offset);
    return pages;
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function encodeOggOpus(audio: PcmAudio, options: OggOpusOptions = {}): Uint8Array {
  const encoder = new StreamingOggOpusEncoder(audio.sampleRate, options);
  const body = encoder.append(audio.samples);
  const tail = encoder.end();
  return concat([body, tail]);
}
