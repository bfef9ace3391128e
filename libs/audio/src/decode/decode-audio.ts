import decode from 'audio-decode';
import { pcmAudio, type PcmAudio } from '../pcm/pcm-audio.js';
import { flacDecodedLengthBound } from '../flac/flac-frame-header.js';
import { detectAudioFormat, type AudioFormat } from './audio-format.js';
import { InvalidAudioError } from './invalid-audio-error.js';

export interface DecodeLimits {
  /** Longest audio accepted; decoding stops as soon as more than this has come out (decompression bombs). */
  readonly maxSeconds: number;
  /** Wall-clock budget for the whole decode. */
  readonly timeoutMs: number;
}

export interface DecodedAudio {
  readonly format: AudioFormat;
  /** Channels in the source (the audio itself is mixed down to mono). */
  readonly channels: number;
  readonly audio: PcmAudio;
}

const DECODER_NAMES: Readonly<Record<AudioFormat, 'wav' | 'mp3' | 'flac' | 'opus' | 'oga'>> = {
  wav: 'wav',
  mp3: 'mp3',
  flac: 'flac',
  'ogg-opus': 'opus',
  'ogg-vorbis': 'oga',
};

/** Small input slices bound how much one decoder call can expand before the sample cap is checked again. */
const INPUT_SLICE_BYTES = 4096;
/**
 * The FLAC decoder loses frames when fed in slices (~0.1–0.3 % of a long file, measured), so FLAC goes in whole,
 * once its frame headers show that it cannot decode to more than the cap.
 */
const MAX_BOUND_RATE = 192_000;

interface ChunkDecoder {
  (chunk?: Uint8Array): Promise<{ channelData: Float32Array[]; sampleRate: number }>;
  free(): void;
}

function withTimeout<T>(promise: Promise<T>, deadline: number): Promise<T> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new InvalidAudioError('Decoding took too long'));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvalidAudioError('Decoding took too long')), remaining);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Decodes WAV, MP3, FLAC, Ogg Opus or Ogg Vorbis (recognised by their bytes) to mono, feeding the decoder in slices and
 * refusing the file as soon as the decoded length passes `maxSeconds` or the time passes `timeoutMs`.
 */
export async function decodeAudio(bytes: Uint8Array, limits: DecodeLimits): Promise<DecodedAudio> {
  if (bytes.length === 0) throw new InvalidAudioError('Empty file');
  const format = detectAudioFormat(bytes);
  if (!format) throw new InvalidAudioError('Unrecognised audio format (expected WAV, MP3, Ogg Vorbis/Opus or FLAC)');
  const deadline = Date.now() + limits.timeoutMs;
  const decoder = (await withTimeout(decode[DECODER_NAMES[format]](), deadline)) as ChunkDecoder;
  const parts: Float32Array[] = [];
  let sampleRate = 0;
  let channels = 0;
  let frames = 0;
  const collect = (data: { channelData: Float32Array[]; sampleRate: number }): void => {
    if (data.channelData.length === 0 || data.channelData[0]!.length === 0) return;
    sampleRate ||= data.sampleRate;
    channels ||= data.channelData.length;
    if (data.sampleRate !== sampleRate || data.channelData.length !== channels)
      throw new InvalidAudioError('Stream changes format mid-way');
    frames += data.channelData[0]!.length;
    if (frames > limits.maxSeconds * sampleRate) throw new InvalidAudioError(`Audio is longer than ${limits.maxSeconds} s`);
    parts.push(mixToMono(data.channelData));
  };
  let freed = false;
  const sliceBytes = format === 'flac' ? bytes.length : INPUT_SLICE_BYTES;
  if (format === 'flac' && flacDecodedLengthBound(bytes) > limits.maxSeconds * flacSampleRate(bytes)) {
    decoder.free();
    throw new InvalidAudioError(`Audio is longer than ${limits.maxSeconds} s`);
  }
  try {
    for (let offset = 0; offset < bytes.length; offset += sliceBytes) {
      collect(await withTimeout(decoder(bytes.subarray(offset, offset + sliceBytes)), deadline));
    }
    freed = true;
    collect(await withTimeout(decoder(), deadline));
  } catch (error) {
    if (!freed) decoder.free();
    if (error instanceof InvalidAudioError) throw error;
    throw new InvalidAudioError(`Malformed ${format} file: ${(error as Error).message}`);
  }
  if (frames === 0 || sampleRate === 0) throw new InvalidAudioError('No audio could be decoded');
  const samples = new Float32Array(frames);
  let offset = 0;
  for (const part of parts) {
    samples.set(part, offset);
    offset += part.length;
  }
  return { format, channels, audio: pcmAudio(sampleRate, samples) };
}

/** STREAMINFO's sample rate, at most 192 kHz (a lying header must not raise the cap), for the cap check. */
function flacSampleRate(bytes: Uint8Array): number {
  const marker = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1 << 20)).indexOf('fLaC');
  const info = marker + 8; // the marker, then STREAMINFO's block header
  if (marker < 0 || bytes.length < info + 13) return MAX_BOUND_RATE;
  const rate = (bytes[info + 10]! << 12) | (bytes[info + 11]! << 4) | (bytes[info + 12]! >> 4);
  return rate > 0 ? Math.min(rate, MAX_BOUND_RATE) : MAX_BOUND_RATE;
}

function mixToMono(channelData: Float32Array[]): Float32Array {
  if (channelData.length === 1) return Float32Array.from(channelData[0]!);
  const out = new Float32Array(channelData[0]!.length);
  for (const channel of channelData) for (let i = 0; i < out.length; i++) out[i]! += channel[i]! / channelData.length;
  return out;
}
