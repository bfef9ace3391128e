/**
 * Speed of the per-request DSP on one core: analyzeSpeech over 10 minutes of 16 kHz voice-like audio, and
 * shiftPitch / equalize over 10 s. Run after `npm run build`: node dist/libs/audio/src/analysis/speech-analysis.bench.js
 */
import { equalize } from '../dsp/equalize.js';
import { harmonicTone } from '../dsp/harmonic-tone.js';
import { shiftPitch } from '../dsp/pitch-shift.js';
import { SPECTRAL_BAND_COUNT } from '../dsp/spectral-bands.js';
import { analyzeSpeech } from './speech-analysis.js';

const RATE = 16000;

function time<T>(label: string, audioSeconds: number, run: () => T): T {
  run(); // warm-up: JIT
  const started = performance.now();
  const result = run();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${label}: ${seconds.toFixed(3)} s for ${audioSeconds} s of audio (${(audioSeconds / seconds).toFixed(0)}× real time)\n`,
  );
  return result;
}

const tenSeconds = harmonicTone(RATE, 140, 10, { syllablesPerSecond: 4 });
const tenMinutes = new Float32Array(RATE * 600);
for (let offset = 0; offset < tenMinutes.length; offset += tenSeconds.length)
  tenMinutes.set(tenSeconds.subarray(0, tenMinutes.length - offset), offset);

time('analyzeSpeech 16 kHz', 600, () => analyzeSpeech(tenMinutes, RATE));
time('shiftPitch ×1.25', 10, () => shiftPitch(tenSeconds, RATE, 1.25));
time('shiftPitch ×2^(3/12)', 10, () => shiftPitch(tenSeconds, RATE, 2 ** (3 / 12)));
time('shiftPitch ×0.8', 10, () => shiftPitch(tenSeconds, RATE, 0.8));
const gains = Array.from({ length: SPECTRAL_BAND_COUNT }, (_, band) => (band % 3) - 1);
time('equalize', 10, () => equalize(tenSeconds, RATE, gains));
