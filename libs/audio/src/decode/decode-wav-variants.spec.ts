import wavefile from 'wavefile';
import { sine } from '../testing/signals.js';
import { StreamingWavEncoder } from '../wav/streaming.js';
import { decodeAudio } from './decode-audio.js';
import { probeAudio } from './probe-audio.js';

const limits = { maxSeconds: 30, timeoutMs: 5000 };
const left = sine(16000, 440, 1, 0.4).samples;

function wavOf(channels: Float32Array[], bitDepth: string, scale: number): Uint8Array {
  const file = new wavefile.WaveFile();
  const data = channels.map((channel) => Array.from(channel, (value) => (scale === 1 ? value : Math.round(value * scale))));
  file.fromScratch(channels.length, 16000, bitDepth, channels.length === 1 ? data[0]! : data);
  return file.toBuffer();
}

describe('decoding the WAV variants uploads arrive in', () => {
  it.each([
    ['8-bit', '8', 0],
    ['24-bit', '24', 8388607],
    ['32-bit integer', '32', 2147483647],
    ['32-bit float', '32f', 1],
  ] as const)('decodes %s PCM', async (_label, bitDepth, scale) => {
    const bytes = bitDepth === '8' ? wavOf([left.map((value) => Math.round(value * 127) + 128)], '8', 1) : wavOf([left], bitDepth, scale);
    const decoded = await decodeAudio(bytes, limits);
    expect(decoded.audio.sampleRate).toBe(16000);
    expect(decoded.audio.samples.length).toBe(16000);
    const tolerance = bitDepth === '8' ? 0.02 : 1e-4;
    for (let i = 0; i < 16000; i += 97) expect(Math.abs(decoded.audio.samples[i]! - left[i]!)).toBeLessThan(tolerance);
  });

  it('mixes stereo down to mono and reports two source channels', async () => {
    const right = left.map((value) => -value * 0.5);
    const decoded = await decodeAudio(wavOf([left, right], '16', 32767), limits);
    expect(decoded.channels).toBe(2);
    expect((await probeAudio(wavOf([left, right], '16', 32767))).channels).toBe(2);
    for (let i = 0; i < 16000; i += 97) expect(decoded.audio.samples[i]).toBeCloseTo(left[i]! * 0.25, 3);
  });

  it('decodes our own streaming WAV, whose sizes say "unknown"', async () => {
    const encoder = new StreamingWavEncoder(16000);
    const bytes = Buffer.concat([encoder.append(left), encoder.end()]);
    const decoded = await decodeAudio(bytes, limits);
    expect(decoded.audio.samples.length).toBe(16000);
  });
});
