import decode from 'audio-decode';
import { parseBuffer } from 'music-metadata';
import { pcmAudio } from '../pcm/pcm-audio.js';
import { dominantFrequency, sine } from '../testing/signals.js';
import { existsSync } from 'node:fs';
import { defaultMp3Engine, encodeMp3, StreamingMp3Encoder, type Mp3Engine } from './mp3-encoder.js';

/** CI installs libmp3lame-dev (.ci/run), so the native engine is built there; only a machine without it skips it. */
const hasLame = existsSync('/usr/include/lame/lame.h');
const engines: Mp3Engine[] = hasLame ? ['libmp3lame', 'lamejs'] : ['lamejs'];

describe.each(engines)('MP3 encoder (%s)', (engine) => {
  it('produces MPEG frames that decode back to the tone at about the right length', async () => {
    const mp3 = encodeMp3(sine(22050, 440, 2), { bitrate: 64, engine });
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
    const low = encodeMp3(audio, { bitrate: 32, engine });
    const high = encodeMp3(audio, { bitrate: 96, engine });
    expect(high.length).toBeGreaterThan(low.length * 2.5);
    const metadata = await parseBuffer(low, undefined, { duration: true });
    expect(metadata.format.codec).toMatch(/MPEG/);
    expect(metadata.format.bitrate).toBe(32000);
    expect(metadata.format.duration).toBeGreaterThan(2.9);
    expect(metadata.format.duration).toBeLessThan(3.2);
  });

  it('streams in chunks that add up to the same bytes as the whole file', async () => {
    const audio = sine(16000, 500, 1);
    const encoder = new StreamingMp3Encoder(16000, { engine });
    const stream = Buffer.concat([
      encoder.append(audio.samples.subarray(0, 3333)),
      encoder.append(audio.samples.subarray(3333)),
      encoder.end(),
    ]);
    expect(stream).toEqual(Buffer.from(encodeMp3(audio, { engine })));
  });

  it('rejects rates and bitrates MP3 cannot carry, and handles tiny input', () => {
    expect(() => encodeMp3(sine(44100, 440, 0.1), { bitrate: 33, engine })).toThrow(/bitrate/);
    expect(() => encodeMp3(sine(96000, 440, 0.1), { engine })).toThrow(/resample/);
    expect(encodeMp3(pcmAudio(8000, Float32Array.of(0.3)), { engine }).length).toBeGreaterThan(0);
    expect(() => encodeMp3(pcmAudio(8000, new Float32Array(0)), { engine })).not.toThrow();
  });
});

describe('the default MP3 engine', () => {
  it('is the native libmp3lame where its addon is built, and says why when it is not', () => {
    const chosen = defaultMp3Engine();
    if (existsSync(new URL('../../../../dist/native/lame_mp3.node', import.meta.url))) expect(chosen).toEqual({ engine: 'libmp3lame' });
    else expect(chosen).toMatchObject({ engine: 'lamejs', reason: expect.stringMatching(/lame_mp3\.node/) });
  });

  (hasLame ? it : it.skip)('writes files of the same length and bitrate with either engine', async () => {
    const audio = sine(16000, 220, 4);
    const native = encodeMp3(audio, { engine: 'libmp3lame' });
    const port = encodeMp3(audio, { engine: 'lamejs' });
    expect(native.length).toBe(port.length);
    const [a, b] = await Promise.all([decode(native), decode(port)]);
    expect(a.channelData[0]!.length).toBe(b.channelData[0]!.length);
  });
});
