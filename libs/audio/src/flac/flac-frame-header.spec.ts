import { pcmAudio } from '../pcm/pcm-audio.js';
import { encodeFlac } from './flac-encoder.js';
import { flacDecodedLengthBound, readFlacFrameHeader } from './flac-frame-header.js';

describe('FLAC frame headers', () => {
  const samples = new Float32Array(16000 * 3).map((_, i) => 0.4 * Math.sin(i * 0.07));
  const flac = encodeFlac(pcmAudio(16000, samples));

  it('bounds the decoded length by the block sizes of the frame headers', () => {
    const bound = flacDecodedLengthBound(flac);
    expect(bound).toBeGreaterThanOrEqual(samples.length);
    expect(bound).toBeLessThan(samples.length * 1.1);
  });

  it('reads a header only where its CRC-8 checks', () => {
    const first = flac.findIndex((byte, i) => byte === 0xff && readFlacFrameHeader(flac, i) !== undefined);
    const header = readFlacFrameHeader(flac, first)!;
    expect(header.blockSize).toBeGreaterThanOrEqual(16);
    const damaged = Uint8Array.from(flac);
    damaged[first + 2]! ^= 0x10;
    expect(readFlacFrameHeader(damaged, first)).toBeUndefined();
  });
});
