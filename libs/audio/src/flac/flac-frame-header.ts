import { crc8 } from './crc.js';

export interface FlacFrameHeader {
  /** Bytes of the header, its CRC-8 included. */
  length: number;
  /** Samples per channel in the frame. */
  blockSize: number;
}

const FIXED_BLOCK_SIZES: Readonly<Record<number, number>> = { 1: 192, 2: 576, 3: 1152, 4: 2304, 5: 4608 };

/** The FLAC frame header at `offset` when there is one there whose CRC-8 checks, else undefined. */
export function readFlacFrameHeader(bytes: Uint8Array, offset: number): FlacFrameHeader | undefined {
  if (offset + 6 > bytes.length || bytes[offset] !== 0xff || (bytes[offset + 1]! & 0xfe) !== 0xf8) return undefined;
  const blockCode = bytes[offset + 2]! >> 4;
  const rateCode = bytes[offset + 2]! & 0x0f;
  if (blockCode === 0 || rateCode === 0x0f || (bytes[offset + 3]! & 0x01) !== 0) return undefined;
  let cursor = offset + 4;
  // The frame or sample number, UTF-8 coded in one to seven bytes.
  const lead = bytes[cursor]!;
  const extra =
    lead < 0x80 ? 0 : lead >= 0xfe ? 6 : lead >= 0xfc ? 5 : lead >= 0xf8 ? 4 : lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : -1;
  if (extra < 0) return undefined;
  cursor += 1 + extra;
  let blockSize: number;
  if (blockCode === 6) {
    blockSize = (bytes[cursor] ?? 0) + 1;
    cursor += 1;
  } else if (blockCode === 7) {
    blockSize = (((bytes[cursor] ?? 0) << 8) | (bytes[cursor + 1] ?? 0)) + 1;
    cursor += 2;
  } else {
    blockSize = FIXED_BLOCK_SIZES[blockCode] ?? 256 << (blockCode - 8);
  }
  if (rateCode === 12) cursor += 1;
  else if (rateCode === 13 || rateCode === 14) cursor += 2;
  if (cursor >= bytes.length || crc8(bytes.subarray(offset, cursor)) !== bytes[cursor]) return undefined;
  return { length: cursor + 1 - offset, blockSize };
}

/**
 * An upper bound of the samples per channel a FLAC stream decodes to, read from its frame headers
 * alone: every position that holds a valid frame header counts (a false sync only raises the bound).
 */
export function flacDecodedLengthBound(bytes: Uint8Array): number {
  let total = 0;
  for (let offset = 4; offset + 6 <= bytes.length; offset++) {
    if (bytes[offset] !== 0xff) continue;
    const header = readFlacFrameHeader(bytes, offset);
    if (header) total += header.blockSize;
  }
  return total;
}
