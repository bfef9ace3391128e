import { flacFrameCrc16, InvalidAudioError, readFlacFrameHeader, type AudioFormat } from '#audio';

/**
 * Structural checks the decoders do not make: every declared size fits the file and the stream
 * ends where its container says. They catch truncated files and lying chunk sizes, which decoders
 * tend to accept as shorter audio.
 */
export function assertCompleteContainer(bytes: Uint8Array, format: AudioFormat): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'wav') checkWav(bytes, view);
  else if (format === 'mp3') checkMp3(bytes);
  else if (format === 'flac') checkFlac(bytes, view);
  else if (format === 'ogg-opus' || format === 'ogg-vorbis') checkOgg(bytes);
}

const UNKNOWN_SIZE = 0xffffffff;
const ascii = (bytes: Uint8Array, offset: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(offset, offset + length));

function checkWav(bytes: Uint8Array, view: DataView): void {
  if (bytes.length < 12) throw new InvalidAudioError('Truncated WAV header');
  const riffSize = view.getUint32(4, true);
  if (riffSize !== UNKNOWN_SIZE && riffSize + 8 > bytes.length)
    throw new InvalidAudioError('WAV file is shorter than its RIFF header says (truncated)');
  let offset = 12;
  let fmt: { tag: number; channels: number; rate: number; byteRate: number; blockAlign: number; bits: number } | undefined;
  // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its sub-format GUID.
  const EXTENSIBLE = 0xfffe;
  let data: { size: number } | undefined;
  while (offset + 8 <= bytes.length && !data) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'data') {
      const available = bytes.length - body;
      if (size !== UNKNOWN_SIZE && size > available)
        throw new InvalidAudioError('WAV data chunk is longer than the file (truncated or a lying size)');
      data = { size: size === UNKNOWN_SIZE ? available : size };
      break;
    }
    if (size > bytes.length - body) throw new InvalidAudioError(`WAV chunk "${id.replace(/[^\x20-\x7e]/g, '?')}" is longer than the file`);
    if (id === 'fmt ') {
      if (size < 16) throw new InvalidAudioError('WAV fmt chunk is too short');
      const declared = view.getUint16(body, true);
      fmt = {
        tag: declared === EXTENSIBLE && size >= 40 ? view.getUint16(body + 24, true) : declared,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        byteRate: view.getUint32(body + 8, true),
        blockAlign: view.getUint16(body + 12, true),
        bits: view.getUint16(body + 14, true),
      };
    }
    offset = body + size + (size % 2);
  }
  if (!fmt) throw new InvalidAudioError('WAV file has no fmt chunk before its data');
  if (!data) throw new InvalidAudioError('WAV file has no data chunk');
  if (fmt.channels < 1 || fmt.channels > 8) throw new InvalidAudioError(`Unsupported channel count: ${fmt.channels}`);
  if (fmt.tag !== 1 && fmt.tag !== 3) throw new InvalidAudioError(`WAV holds format ${fmt.tag}, not PCM or float samples`);
  const float = fmt.tag === 3;
  const validBits = float ? [32, 64] : [8, 16, 24, 32];
  if (!validBits.includes(fmt.bits)) throw new InvalidAudioError(`Unsupported WAV sample size: ${fmt.bits} bits`);
  if (fmt.blockAlign !== (fmt.channels * fmt.bits) / 8)
    throw new InvalidAudioError('WAV block alignment does not match its channels and sample size');
  if (fmt.byteRate !== fmt.rate * fmt.blockAlign)
    throw new InvalidAudioError('WAV byte rate does not match its sample rate and block alignment');
  if (data.size === 0) throw new InvalidAudioError('WAV file holds no audio');
  if (data.size % fmt.blockAlign !== 0) throw new InvalidAudioError('WAV data ends in the middle of a sample frame (truncated)');
}

const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

function id3v2End(bytes: Uint8Array): number {
  if (ascii(bytes, 0, 3) !== 'ID3' || bytes.length < 10) return 0;
  const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
  return 10 + size + (bytes[5]! & 0x10 ? 10 : 0);
}

/** Layer III frame length at `offset`, or undefined when no valid frame header is there. */
function mp3FrameLength(bytes: Uint8Array, offset: number): number | undefined {
  if (offset + 4 > bytes.length) return undefined;
  const [b0, b1, b2] = [bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  if (version === 1 || layer !== 0b01) return undefined;
  const kbps = (version === 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[b2 >> 4];
  const rate = RATES[version]?.[(b2 >> 2) & 0b11];
  if (!kbps || !rate) return undefined;
  const padding = (b2 >> 1) & 1;
  return Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / rate) + padding;
}

/** Walks the frames: each must start where the last ended, and the last must end at the end of the file (or at a tag). */
function checkMp3(bytes: Uint8Array): void {
  let offset = id3v2End(bytes);
  let frames = 0;
  for (;;) {
    const length = mp3FrameLength(bytes, offset);
    if (length === undefined) break;
    if (offset + length > bytes.length) throw new InvalidAudioError(`MP3 frame ${frames + 1} is cut short (truncated)`);
    offset += length;
    frames++;
  }
  if (frames === 0) throw new InvalidAudioError('No MP3 frames found');
  const rest = bytes.length - offset;
  if (rest === 0) return;
  const tail = ascii(bytes, offset, 8);
  if ((tail.startsWith('TAG') && rest === 128) || tail === 'APETAGEX' || tail.startsWith('LYRICS')) return;
  throw new InvalidAudioError(`Corrupt MP3 stream: ${rest} bytes after frame ${frames} are not an MP3 frame`);
}

/** Walks the metadata blocks: STREAMINFO first and sane, every block inside the file. */
function checkFlac(bytes: Uint8Array, view: DataView): void {
  let offset = id3v2End(bytes) + 4;
  if (ascii(bytes, offset - 4, 4) !== 'fLaC') throw new InvalidAudioError('FLAC stream marker missing');
  if (offset + 4 + 34 > bytes.length || (bytes[offset]! & 0x7f) !== 0)
    throw new InvalidAudioError('FLAC stream does not start with its STREAMINFO block');
  const minBlock = view.getUint16(offset + 4);
  const maxBlock = view.getUint16(offset + 6);
  if (minBlock < 16 || maxBlock < minBlock) throw new InvalidAudioError(`FLAC block sizes ${minBlock}–${maxBlock} are invalid`);
  for (;;) {
    const header = bytes[offset]!;
    const length = (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    offset += 4 + length;
    if (offset > bytes.length) throw new InvalidAudioError('FLAC metadata block is longer than the file (truncated or a lying size)');
    if (header & 0x80) break;
    if (offset + 4 > bytes.length) throw new InvalidAudioError('FLAC file ends inside its metadata (truncated)');
  }
  if (!lastFlacFrameIsWhole(bytes, offset))
    throw new InvalidAudioError('FLAC stream does not end with a whole frame (truncated or damaged)');
}

/**
 * Whether the file ends with a whole frame: some frame header near the end whose frame, read to the
 * end of the file, matches its closing CRC-16 (a cut or damaged last frame does not).
 */
function lastFlacFrameIsWhole(bytes: Uint8Array, audioStart: number): boolean {
  const earliest = Math.max(audioStart, bytes.length - 1_048_576);
  for (let start = bytes.length - 8; start >= earliest; start--) {
    if (bytes[start] !== 0xff || readFlacFrameHeader(bytes, start) === undefined) continue;
    const stored = (bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]!;
    if (flacFrameCrc16(bytes.subarray(start, bytes.length - 2)) === stored) return true;
  }
  return false;
}

const OGG_CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    table[i] = crc >>> 0;
  }
  return table;
})();

/** The page's checksum computed with its own CRC field taken as zero. */
function oggPageCrc(page: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < page.length; i++) {
    const byte = i >= 22 && i < 26 ? 0 : page[i]!;
    crc = ((crc << 8) ^ OGG_CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  }
  return crc;
}

/** Walks the pages: each header and body must fit, each checksum match, and the last page must close the stream. */
function checkOgg(bytes: Uint8Array): void {
  let offset = 0;
  let last = 0;
  while (offset < bytes.length) {
    if (offset + 27 > bytes.length || ascii(bytes, offset, 4) !== 'OggS')
      throw new InvalidAudioError(`Corrupt Ogg page at byte ${offset} (truncated or damaged)`);
    const segments = bytes[offset + 26]!;
    if (offset + 27 + segments > bytes.length) throw new InvalidAudioError('Ogg page header is cut short (truncated)');
    let bodySize = 0;
    for (let i = 0; i < segments; i++) bodySize += bytes[offset + 27 + i]!;
    const end = offset + 27 + segments + bodySize;
    if (end > bytes.length) throw new InvalidAudioError('Ogg page is cut short (truncated)');
    const stored = new DataView(bytes.buffer, bytes.byteOffset + offset + 22, 4).getUint32(0, true);
    if (oggPageCrc(bytes.subarray(offset, end)) !== stored)
      throw new InvalidAudioError(`Ogg page at byte ${offset} fails its checksum (damaged)`);
    last = offset;
    offset = end;
  }
  if (!(bytes[last + 5]! & 0x04)) throw new InvalidAudioError('Ogg stream ends without its last page (truncated)');
}
