import { createHash } from 'node:crypto';
import decode from 'audio-decode';
import { parseBuffer } from 'music-metadata';
import { pcmAudio, type PcmAudio } from '../pcm/pcm-audio.js';
import { floatToInt16, int16ToLittleEndianBytes } from '../pcm/sample-format.js';
import { chirp, noise, sine } from '../testing/signals.js';
import { concatWithGap, silence } from '../pcm/pcm-audio.js';
import { crc16, crc8 } from './crc.js';
import { encodeFlac } from './flac-encoder.js';

async function expectBitExact(audio: PcmAudio, blockSize?: number): Promise<Uint8Array> {
  const flac = encodeFlac(audio, blockSize === undefined ? {} : { blockSize });
  const decoded = await decode(flac);
  expect(decoded.sampleRate).toBe(audio.sampleRate);
  const expected = floatToInt16(audio.samples);
  const actual = decoded.channelData[0]!;
  expect(actual.length).toBe(expected.length);
  let mismatches = 0;
  // This decoder divides 16-bit samples by 32767, so multiplying back recovers the integers exactly.
  for (let i = 0; i < expected.length; i++) if (Math.round(actual[i]! * 32767) !== expected[i]) mismatches++;
  expect(mismatches).toBe(0);
  return flac;
}

describe('FLAC encoder', () => {
  it('uses the standard CRC parameters', () => {
    // Check values of CRC-8 (poly 0x07) and CRC-16/BUYPASS (poly 0x8005) over "123456789".
    const digits = Buffer.from('123456789', 'latin1');
    expect(crc8(digits)).toBe(0xf4);
    expect(crc16(digits)).toBe(0xfee8);
  });

  it('round-trips a chirp bit-exactly and compresses it', async () => {
    const audio = chirp(22050, 100, 3000, 2);
    const flac = await expectBitExact(audio);
    expect(flac.length).toBeLessThan(audio.samples.length * 2 * 0.8);
  });

  it('round-trips noise, silence and full-scale values bit-exactly', async () => {
    const extremes = pcmAudio(
      16000,
      Float32Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? -1 : 0)),
    );
    const audio = concatWithGap([noise(16000, 0.5, 0.9), silence(16000, 0.3), sine(16000, 440, 0.4), extremes]);
    await expectBitExact(audio);
  });

  it.each([1, 2, 5, 4095, 4097])('handles %i samples (odd lengths, a short last frame)', async (length) => {
    await expectBitExact(pcmAudio(48000, noise(48000, 1, 0.3, length).samples.subarray(0, length)));
  });

  it('supports rates without a frame-header code and small blocks', async () => {
    await expectBitExact(sine(11025, 300, 0.5), 1152);
    await expectBitExact(sine(8000, 300, 0.5), 16);
  });

  it('writes STREAMINFO with total samples and the MD5 of the samples', async () => {
    const audio = sine(24000, 440, 1.25);
    const flac = encodeFlac(audio);
    expect(Buffer.from(flac.subarray(0, 4)).toString('latin1')).toBe('fLaC');
    const md5 = createHash('md5')
      .update(int16ToLittleEndianBytes(floatToInt16(audio.samples)))
      .digest();
    expect(Buffer.from(flac.subarray(8 + 18, 8 + 34))).toEqual(md5);
    const metadata = await parseBuffer(flac, undefined, { duration: true });
    expect(metadata.format.codec).toBe('FLAC');
    expect(metadata.format.sampleRate).toBe(24000);
    expect(metadata.format.numberOfChannels).toBe(1);
    expect(metadata.format.bitsPerSample).toBe(16);
    expect(metadata.format.duration).toBeCloseTo(1.25, 6);
  });

  it('encodes empty audio as a valid header-only file', async () => {
    const flac = encodeFlac(pcmAudio(22050, new Float32Array(0)));
    expect(flac.length).toBe(42);
    const metadata = await parseBuffer(flac, undefined, { duration: true });
    expect(metadata.format.codec).toBe('FLAC');
    expect(metadata.format.duration ?? 0).toBe(0);
  });

  it('picks the subframe type per frame: CONSTANT for silence, a high fixed order for a smooth tone, a low one for noise', () => {
    // The first frame's header is 8 bytes here (44.1 kHz code, 1-byte frame number, 16-bit block size); the subframe header follows.
    const subframeType = (audio: PcmAudio) => (encodeFlac(audio)[42 + 8]! >> 1) & 0x3f;
    expect(subframeType(silence(44100, 0.2))).toBe(0b000000);
    expect(subframeType(sine(44100, 50, 0.2, 0.9))).toBeGreaterThanOrEqual(0b001010);
    expect(subframeType(noise(44100, 0.2, 0.9))).toBeLessThanOrEqual(0b001001);
  });

  it('rejects an invalid block size', () => {
    expect(() => encodeFlac(sine(8000, 100, 0.1), { blockSize: 8 })).toThrow(RangeError);
  });
});
