import { encodeFlac } from '../flac/flac-encoder.js';
import { encodeMp3 } from '../mp3/mp3-encoder.js';
import { encodeOggOpus } from '../ogg/ogg-opus-encoder.js';
import { pcmAudio, silence } from '../pcm/pcm-audio.js';
import { dominantFrequency, sine } from '../testing/signals.js';
import { encodeWav } from '../wav/wav-encoder.js';
import { detectAudioFormat } from './audio-format.js';
import { decodeAudio } from './decode-audio.js';
import { InvalidAudioError } from './invalid-audio-error.js';
import { probeAudio } from './probe-audio.js';

const tone = sine(24000, 440, 1.5);
const files = {
  wav: encodeWav(tone),
  mp3: encodeMp3(tone),
  flac: encodeFlac(tone),
  'ogg-opus': encodeOggOpus(tone),
} as const;
const limits = { maxSeconds: 10, timeoutMs: 5000 };

describe('detectAudioFormat', () => {
  it.each(Object.entries(files))('recognises %s by its bytes', (format, bytes) => {
    expect(detectAudioFormat(bytes)).toBe(format);
  });

  it('recognises Ogg Vorbis by its identification packet and MP3 behind an ID3 tag', () => {
    const vorbisPage = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(22), Buffer.from([1, 30]), Buffer.from('\x01vorbis', 'latin1')]);
    expect(detectAudioFormat(vorbisPage)).toBe('ogg-vorbis');
    const id3 = Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 5]), Buffer.alloc(5), files.mp3.subarray(0, 8)]);
    expect(detectAudioFormat(id3)).toBe('mp3');
  });

  it('rejects lookalikes: text, truncated magic, Ogg of another codec, a bare sync word with reserved fields', () => {
    expect(detectAudioFormat(Buffer.from('hello world'))).toBeUndefined();
    expect(detectAudioFormat(Buffer.from('RIFF'))).toBeUndefined();
    expect(
      detectAudioFormat(Buffer.concat([Buffer.from('OggS'), Buffer.alloc(22), Buffer.from([1, 30]), Buffer.from('\x80theora', 'latin1')])),
    ).toBeUndefined();
    expect(detectAudioFormat(Uint8Array.of(0xff, 0xff, 0xff, 0xff))).toBeUndefined();
    expect(detectAudioFormat(new Uint8Array(0))).toBeUndefined();
  });
});

describe('probeAudio', () => {
  it.each(Object.entries(files))('reads format, rate, channels and duration of %s', async (format, bytes) => {
    const probe = await probeAudio(bytes);
    expect(probe.format).toBe(format);
    expect(probe.channels).toBe(1);
    expect(probe.sampleRate).toBe(24000);
    expect(probe.durationSeconds).toBeGreaterThan(1.45);
    expect(probe.durationSeconds).toBeLessThan(1.6);
  });

  it('refuses an empty file, garbage, and a WAV that is really an MP3', async () => {
    await expect(probeAudio(new Uint8Array(0))).rejects.toThrow(InvalidAudioError);
    await expect(probeAudio(Buffer.from('not audio at all'))).rejects.toThrow(/Unrecognised/);
    const disguised = Buffer.concat([files.wav.subarray(0, 12), files.mp3]);
    await expect(probeAudio(disguised)).rejects.toThrow(InvalidAudioError);
  });
});

describe('decodeAudio', () => {
  it.each(Object.entries(files))('decodes %s to mono PCM holding the tone', async (format, bytes) => {
    const decoded = await decodeAudio(bytes, limits);
    expect(decoded.format).toBe(format);
    expect(decoded.channels).toBe(1);
    const { sampleRate, samples } = decoded.audio;
    expect(samples.length / sampleRate).toBeGreaterThan(1.45);
    expect(dominantFrequency(samples.subarray(sampleRate * 0.2, sampleRate * 1.2), sampleRate, 420, 460)).toBe(440);
  });

  it('refuses a decompression bomb: tiny FLAC of long silence over the cap', async () => {
    const bomb = encodeFlac(silence(48000, 120));
    expect(bomb.length).toBeLessThan(20_000);
    await expect(decodeAudio(bomb, { maxSeconds: 60, timeoutMs: 5000 })).rejects.toThrow(/longer than 60 s/);
  });

  it('refuses when the time budget runs out', async () => {
    await expect(decodeAudio(encodeWav(sine(48000, 440, 5)), { maxSeconds: 60, timeoutMs: 0 })).rejects.toThrow(/too long/);
  });

  it('refuses empty, unknown and truncated input with a reason', async () => {
    await expect(decodeAudio(new Uint8Array(0), limits)).rejects.toThrow(/Empty/);
    await expect(decodeAudio(Buffer.from('abc'), limits)).rejects.toThrow(/Unrecognised/);
    await expect(decodeAudio(files.flac.subarray(0, 42), limits)).rejects.toThrow(InvalidAudioError);
  });
});

describe('decodeAudio of long FLAC files', () => {
  it('decodes every sample of a five-minute FLAC (the chunked decoder used to drop frames)', async () => {
    const rate = 16000;
    const samples = new Float32Array(rate * 300);
    // A rotating phasor plus coloured noise from an LCG: varied frames, and no Math calls (slow under jest).
    let [re, im, noise, seed] = [0.3, 0, 0, 1];
    const [cos, sin] = [0.99875, 0.04998];
    for (let i = 0; i < samples.length; i++) {
      [re, im] = [re * cos - im * sin, re * sin + im * cos];
      seed = (seed * 1664525 + 1013904223) >>> 0;
      noise = 0.97 * noise + (seed / 4294967296 - 0.5) * 0.1;
      samples[i] = re + noise;
    }
    const decoded = await decodeAudio(encodeFlac(pcmAudio(rate, samples)), { maxSeconds: 301, timeoutMs: 60_000 });
    expect(decoded.audio.samples.length).toBe(samples.length);
  }, 60_000);

  it('refuses, from its frame headers alone, a FLAC that would decode past the cap', async () => {
    const long = encodeFlac(pcmAudio(16000, new Float32Array(16000 * 30)));
    await expect(decodeAudio(long, { maxSeconds: 10, timeoutMs: 10_000 })).rejects.toThrow('longer than 10 s');
  });
});
