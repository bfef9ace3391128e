import decode from 'audio-decode';
import { parseBuffer } from 'music-metadata';
import { pcmAudio } from '../pcm/pcm-audio.js';
import { resample } from '../pcm/resampler.js';
import { bestCorrelation, chirp, dominantFrequency, sine } from '../testing/signals.js';
import { encodeOggOpus, StreamingOggOpusEncoder } from './ogg-opus-encoder.js';

describe('Ogg Opus encoder', () => {
  it.each([22050, 16000, 44100, 48000, 11025])('round-trips a %i Hz chirp: duration within 30 ms and a high correlation', async (rate) => {
    const audio = chirp(rate, 200, 3000, 1.5);
    const ogg = encodeOggOpus(audio, { bitrate: 64_000 });
    const decoded = await decode(ogg);
    expect(decoded.sampleRate).toBe(48000);
    const output = decoded.channelData[0]!;
    expect(Math.abs(output.length / 48000 - 1.5)).toBeLessThan(0.03);
    const reference = resample(audio, 48000).samples;
    const { correlation, lag } = bestCorrelation(reference.subarray(4800, 43200), output.subarray(4800, 43200), 96);
    // The pre-skip in OpusHead cancels the encoder's lookahead, so the output lines up with the input.
    expect(Math.abs(lag)).toBeLessThanOrEqual(2);
    expect(correlation).toBeGreaterThan(0.98);
  });

  it('is read by music-metadata as Opus with the right duration', async () => {
    const ogg = encodeOggOpus(sine(24000, 440, 2.5));
    expect(Buffer.from(ogg.subarray(0, 4)).toString('latin1')).toBe('OggS');
    const metadata = await parseBuffer(ogg, undefined, { duration: true });
    expect(metadata.format.container).toBe('Ogg');
    expect(metadata.format.codec).toBe('Opus');
    expect(metadata.format.numberOfChannels).toBe(1);
    expect(metadata.format.duration).toBeCloseTo(2.5, 2);
  });

  it('keeps a tone at its pitch', async () => {
    const decoded = await decode(encodeOggOpus(sine(16000, 523, 1)));
    expect(dominantFrequency(decoded.channelData[0]!.subarray(4800, 43200), 48000, 500, 550)).toBe(523);
  });

  it('streams pages per appended chunk that together form the same file', async () => {
    const audio = sine(24000, 300, 1.2);
    const streaming = new StreamingOggOpusEncoder(24000);
    const chunks = [streaming.append(audio.samples.subarray(0, 7000)), streaming.append(audio.samples.subarray(7000)), streaming.end()];
    expect(chunks[0]!.length).toBeGreaterThan(0);
    const whole = Buffer.concat(chunks);
    const metadata = await parseBuffer(whole, undefined, { duration: true });
    expect(metadata.format.duration).toBeCloseTo(1.2, 2);
    expect((await decode(whole)).channelData[0]!.length).toBe(57600);
  });

  it('encodes empty audio and a single sample as valid streams', async () => {
    const empty = encodeOggOpus(pcmAudio(24000, new Float32Array(0)));
    expect((await parseBuffer(empty, undefined, { duration: true })).format.codec).toBe('Opus');
    const one = encodeOggOpus(pcmAudio(22050, Float32Array.of(0.5)));
    expect((await parseBuffer(one, undefined, { duration: true })).format.duration).toBeLessThan(0.001);
  });

  it('rejects an out-of-range complexity', () => {
    expect(() => new StreamingOggOpusEncoder(24000, { complexity: 11 })).toThrow(RangeError);
  });

  it('refuses input after the end', () => {
    const encoder = new StreamingOggOpusEncoder(48000);
    encoder.end();
    expect(() => encoder.append(new Float32Array(10))).toThrow(/ended/);
  });
});
