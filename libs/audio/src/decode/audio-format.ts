export type AudioFormat = 'wav' | 'mp3' | 'flac' | 'ogg-opus' | 'ogg-vorbis';

export const AUDIO_FORMAT_MIME_TYPES: Readonly<Record<AudioFormat, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  'ogg-opus': 'audio/ogg; codecs=opus',
  'ogg-vorbis': 'audio/ogg; codecs=vorbis',
};

const ascii = (bytes: Uint8Array, offset: number, text: string): boolean =>
  bytes.length >= offset + text.length && [...text].every((char, i) => bytes[offset + i] === char.charCodeAt(0));

/** Length of an ID3v2 tag at the start (10-byte header + syncsafe size + optional footer), 0 if none. */
function id3v2Length(bytes: Uint8Array): number {
  if (!ascii(bytes, 0, 'ID3') || bytes.length < 10) return 0;
  const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
  const footer = bytes[5]! & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/** An MPEG audio frame header: 11 sync bits, then no reserved version, layer, bitrate or sample-rate values. */
function isMpegFrameHeader(bytes: Uint8Array, offset: number): boolean {
  if (bytes.length < offset + 4) return false;
  const [b0, b1, b2] = [bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  const bitrateIndex = b2 >> 4;
  const sampleRateIndex = (b2 >> 2) & 0b11;
  return version !== 0b01 && layer !== 0b00 && bitrateIndex !== 0b1111 && sampleRateIndex !== 0b11;
}

/** The codec of the first packet of an Ogg stream, identified by its header packet's magic. */
function oggCodec(bytes: Uint8Array): AudioFormat | undefined {
  if (bytes.length < 27) return undefined;
  const packetStart = 27 + bytes[26]!;
  if (ascii(bytes, packetStart, 'OpusHead')) return 'ogg-opus';
  if (bytes[packetStart] === 0x01 && ascii(bytes, packetStart + 1, 'vorbis')) return 'ogg-vorbis';
  return undefined;
}

/**
 * Recognises the container and codec from the leading bytes only (never a file name or client-declared type).
 * Returns undefined for anything else, including Ogg streams of other codecs.
 */
export function detectAudioFormat(bytes: Uint8Array): AudioFormat | undefined {
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return 'wav';
  if (ascii(bytes, 0, 'fLaC')) return 'flac';
  if (ascii(bytes, 0, 'OggS')) return oggCodec(bytes);
  const tagLength = id3v2Length(bytes);
  if (tagLength > 0 && ascii(bytes, tagLength, 'fLaC')) return 'flac';
  if (isMpegFrameHeader(bytes, tagLength)) return 'mp3';
  return undefined;
}
