import { createHash } from 'node:crypto';
import type { PcmAudio } from '../pcm/pcm-audio.js';
import { floatToInt16, int16ToLittleEndianBytes } from '../pcm/sample-format.js';
import { BitWriter } from './bit-writer.js';
import { crc16, crc8 } from './crc.js';
import { writeSubframe } from './subframe.js';

export interface FlacOptions {
  /** Samples per frame; 4096 is libFLAC's default for 44.1/48 kHz and a good fit at TTS rates too. */
  readonly blockSize?: number;
}

const DEFAULT_BLOCK_SIZE = 4096;
const STREAMINFO_BYTES = 34;

/** Frame-header sample-rate codes for the rates that have one; others are written explicitly or left to STREAMINFO. */
const SAMPLE_RATE_CODES: ReadonlyMap<number, number> = new Map([
  [88200, 0b0001],
  [176400, 0b0010],
  [192000, 0b0011],
  [8000, 0b0100],
  [16000, 0b0101],
  [22050, 0b0110],
  [24000, 0b0111],
  [32000, 0b1000],
  [44100, 0b1001],
  [48000, 0b1010],
  [96000, 0b1011],
]);

/** FLAC's extension of UTF-8 to 36-bit values, used for the frame number. */
function writeCodedNumber(writer: BitWriter, value: number): void {
  if (value < 0x80) {
    writer.writeBits(value, 8);
    return;
  }
  let continuationBytes = 1;
  while (value >= 2 ** (5 * continuationBytes + 6)) continuationBytes++;
  const leadingOnes = continuationBytes + 1;
  const marker = (0xff << (8 - leadingOnes)) & 0xff;
  writer.writeBits(marker | Math.floor(value / 2 ** (6 * continuationBytes)), 8);
  for (let i = continuationBytes - 1; i >= 0; i--) writer.writeBits(0x80 | (Math.floor(value / 2 ** (6 * i)) & 0x3f), 8);
}

function writeFrame(writer: BitWriter, block: Int32Array, frameNumber: number, sampleRate: number): void {
  const start = writer.byteLength;
  writer.writeBits(0b11111111111110, 14);
  writer.writeBits(0, 1); // reserved
  writer.writeBits(0, 1); // fixed block size stream
  writer.writeBits(0b0111, 4); // block size: 16 bits (size − 1) after the frame number
  const rateCode = SAMPLE_RATE_CODES.get(sampleRate) ?? (sampleRate < 65536 ? 0b1101 : 0b0000);
  writer.writeBits(rateCode, 4);
  writer.writeBits(0b0000, 4); // one channel
  writer.writeBits(0b100, 3); // 16 bits per sample
  writer.writeBits(0, 1); // reserved
  writeCodedNumber(writer, frameNumber);
  writer.writeBits(block.length - 1, 16);
  if (rateCode === 0b1101) writer.writeBits(sampleRate, 16);
  writer.writeBits(crc8(writer.view(start)), 8);
  writeSubframe(writer, block);
  writer.alignToByte();
  writer.writeBits(crc16(writer.view(start)), 16);
}

function streamInfo(sampleRate: number, blockSize: number, totalSamples: number, frameSizes: number[], md5: Uint8Array): Uint8Array {
  const writer = new BitWriter();
  // A fixed-block-size stream declares min = max; its shorter last frame is allowed by the format.
  writer.writeBits(blockSize, 16);
  writer.writeBits(blockSize, 16);
  writer.writeBits(frameSizes.length ? Math.min(...frameSizes) : 0, 24);
  writer.writeBits(frameSizes.length ? Math.max(...frameSizes) : 0, 24);
  writer.writeBits(sampleRate, 20);
  writer.writeBits(0, 3); // channels − 1
  writer.writeBits(15, 5); // bits per sample − 1
  writer.writeWide(totalSamples, 36);
  writer.writeBytes(md5);
  return writer.toBytes();
}

/** Lossless 16-bit mono FLAC: fixed-predictor subframes (order 0–4 per frame), partitioned Rice residuals, MD5 in STREAMINFO. */
export function encodeFlac(audio: PcmAudio, options: FlacOptions = {}): Uint8Array {
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  if (!Number.isInteger(blockSize) || blockSize < 16 || blockSize > 65535) throw new RangeError(`Invalid FLAC block size: ${blockSize}`);
  if (audio.sampleRate > 655350) throw new RangeError('Sample rate too high for FLAC');
  const pcm = floatToInt16(audio.samples);
  const md5 = createHash('md5').update(int16ToLittleEndianBytes(pcm)).digest();

  const frames = new BitWriter();
  const frameSizes: number[] = [];
  for (let offset = 0, frameNumber = 0; offset < pcm.length; offset += blockSize, frameNumber++) {
    const before = frames.byteLength;
    writeFrame(frames, Int32Array.from(pcm.subarray(offset, offset + blockSize)), frameNumber, audio.sampleRate);
    frameSizes.push(frames.byteLength - before);
  }

  const info = streamInfo(audio.sampleRate, blockSize, pcm.length, frameSizes, md5);
  const body = frames.toBytes();
  const file = new Uint8Array(4 + 4 + STREAMINFO_BYTES + body.length);
  file.set(Buffer.from('fLaC', 'latin1'));
  file.set([0x80, 0, 0, STREAMINFO_BYTES], 4); // last metadata block, type STREAMINFO
  file.set(info, 8);
  file.set(body, 8 + STREAMINFO_BYTES);
  return file;
}
