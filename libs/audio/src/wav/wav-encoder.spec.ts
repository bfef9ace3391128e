import decode from 'audio-decode';
import { parseBuffer } from 'music-metadata';
import { pcmAudio } from '../pcm/pcm-audio.js';
import { sine } from '../testing/signals.js';
import { encodePcm } from './pcm-encoder.js';
import { StreamingPcmEncoder, StreamingWavEncoder } from './streaming.js';
import { encodeWav, STREAMING_WAV_SIZE } from './wav-encoder.js';

describe('WAV and PCM encoders', () => {
  it('writes a canonical 16-bit mono header that decoders read back', async () => {
    const audio = sine(22050, 440, 0.5);
    const wav = encodeWav(audio);
    const view = new DataView(wav.buffer);
    expect(Buffer.from(wav.subarray(0, 4)).toString('latin1')).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
    expect(view.getUint32(24, true)).toBe(22050);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(audio.samples.length * 2);
    const decoded = await decode(wav);
    expect(decoded.sampleRate).toBe(22050);
    expect(decoded.channelData[0]!.length).toBe(audio.samples.length);
    decoded.channelData[0]!.forEach((value, i) => expect(Math.abs(value - audio.samples[i]!)).toBeLessThan(1e-4));
    const metadata = await parseBuffer(wav, undefined, { duration: true });
    expect(metadata.format.duration).toBeCloseTo(0.5, 3);
  });

  it('encodes empty audio as a valid empty file', () => {
    const wav = encodeWav(pcmAudio(16000, new Float32Array(0)));
    expect(wav.length).toBe(44);
    expect(new DataView(wav.buffer).getUint32(40, true)).toBe(0);
  });

  it('writes s16le PCM, clamping out-of-range samples', () => {
    const pcm = encodePcm(pcmAudio(8000, Float32Array.of(0, 1, -1, 2, 0.5)));
    const view = new DataView(pcm.buffer);
    expect([0, 2, 4, 6, 8].map((offset) => view.getInt16(offset, true))).toEqual([0, 32767, -32767, 32767, 16384]);
  });

  it('streams a header with unknown sizes first, then raw samples', () => {
    const audio = sine(24000, 440, 0.3);
    const encoder = new StreamingWavEncoder(24000);
    const first = encoder.append(audio.samples.subarray(0, 1001));
    const second = encoder.append(audio.samples.subarray(1001));
    const last = encoder.end();
    expect(new DataView(first.buffer).getUint32(4, true)).toBe(STREAMING_WAV_SIZE);
    expect(new DataView(first.buffer).getUint32(40, true)).toBe(STREAMING_WAV_SIZE);
    expect(first.length).toBe(44 + 1001 * 2);
    expect(Buffer.concat([first.subarray(44), second, last])).toEqual(Buffer.from(encodePcm(audio)));
  });

  it('still sends a header when nothing was appended', () => {
    expect(new StreamingWavEncoder(8000).end().length).toBe(44);
    const pcm = new StreamingPcmEncoder();
    expect(pcm.append(Float32Array.of(0.25)).length).toBe(2);
    expect(pcm.end().length).toBe(0);
  });
});
