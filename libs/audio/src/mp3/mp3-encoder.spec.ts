import decode from 'audio-decode';
import { parseBuffer } from 'music-metadata';
import { pcmAudio } from '../pcm/pcm-audio.js';
import { dominantFrequency, sine } from '../testing/signals.js';
import { encodeMp3, StreamingMp3Encoder } from './mp3-encoder.js';

describe('MP3 encoder', () => {
  it('produces MPEG frames that decode back to the tone at about the right length', async () => {
    const mp3 = encodeMp3(sine(22050, 440, 2), { bitrate: 64 });
    expect(mp3[0]).toBe(0xff);
    expect(mp3[1]! & 0xe0).toBe(0xe0);
    const decoded = await decode(mp3);
    expect(decoded.sampleRate).toBe(22050);
    const output = decoded.channelData[0]!;
    // MP3 adds encoder delay and frame padding; it can only be longer, and by little.
    expect(output.length / 22050).toBeGreaterThanOrEqual(1.99);
    expect(output.length / 22050).toBeLessThan(2.15);
    expect(dominantFrequency(output.subarray(4000, 40000), 22050, 420, 460)).toBe(440);
  });

  it('honours the bitrate and reports it to music-metadata', async () => {
    const audio = sine(24000, 300, 3);
    const low = encodeMp3(audio, { bitrate: 32 });
    const high = encodeMp3(audio, { bitrate: 96 });
    expect(high.length).toBeGreaterThan(low.length * 2.5);
    const metadata = await parseBuffer(low, undefined, { duration: true });
    expect(metadata.format.codec).toMatch(/MPEG/);
    expect(metadata.format.bitrate).toBe(32000);
    expect(metadata.format.duration).toBeGreaterThan(2.9);
    expect(metadata.format.duration).toBeLessThan(3.2);
  });

  it('streams in chunks that add up to the same bytes as the whole file', async () => {
    const audio = sine(16000, 500, 1);
    const encoder = new StreamingMp3Encoder(16000);
    const stream = Buffer.concat([
      encoder.append(audio.samples.subarray(0, 3333)),
      encoder.append(audio.samples.subarray(3333)),
      encoder.end(),
    ]);
    expect(stream).toEqual(Buffer.from(encodeMp3(audio)));
  });

  it('rejects rates and bitrates MP3 cannot carry, and handles tiny input', () => {
    expect(() => encodeMp3(sine(44100, 440, 0.1), { bitrate: 33 })).toThrow(/bitrate/);
    expect(() => encodeMp3(sine(96000, 440, 0.1))).toThrow(/resample/);
    expect(encodeMp3(pcmAudio(8000, Float32Array.of(0.3))).length).toBeGreaterThan(0);
    expect(() => encodeMp3(pcmAudio(8000, new Float32Array(0)))).not.toThrow();
  });
});
