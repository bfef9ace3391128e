/**
 * Speed of the per-request DSP on one core: analyzeSpeech over 10 minutes of voice-like audio at 16 and 44.1 kHz,
 * shiftPitch and equalize over 10 s. Run after `npm run build`: node dist/libs/audio/src/analysis/speech-analysis.bench.js
 */
import { equalize } from '../dsp/equalize.js';
import { harmonicTone } from '../dsp/harmonic-tone.js';
import { shiftPitch } from '../dsp/pitch-shift.js';
import { SPECTRAL_BAND_COUNT } from '../dsp/spectral-bands.js';
import { analyzeSpeech } from './speech-analysis.js';

const RATE = 16000;

function time<T>(label: string, audioSeconds: number, run: () => T): T {
  run(); // warm-up: JIT
  // CPU time rather than wall time: on a shared machine other processes' load would otherwise be counted.
  const started = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(started);
  const seconds = (used.user + used.system) / 1e6;
  process.stdout.write(
    `${label}: ${seconds.toFixed(3)} s CPU for ${audioSeconds} s of audio (${(audioSeconds / seconds).toFixed(0)}× real time)\n`,
  );
  return result;
}

/** Ten minutes of voiced "speech" at `rate`: the worst case, every frame active and through the pitch tracker. */
function tenMinutesAt(rate: number): Float32Array {
  const tenSeconds = harmonicTone(rate, 140, 10, { syllablesPerSecond: 4 });
  const out = new Float32Array(rate * 600);
  for (let offset = 0; offset < out.length; offset += tenSeconds.length) out.set(tenSeconds.subarray(0, out.length - offset), offset);
  return out;
}

const speech16k = tenMinutesAt(RATE);
time('analyzeSpeech 16 kHz', 600, () => analyzeSpeech(speech16k, RATE));
const speech44k = tenMinutesAt(44100);
time('analyzeSpeech 44.1 kHz', 600, () => analyzeSpeech(speech44k, 44100));
const tenSeconds = speech16k.subarray(0, 10 * RATE);
time('shiftPitch ×1.25', 10, () => shiftPitch(tenSeconds, RATE, 1.25));
time('shiftPitch ×2^(3/12)', 10, () => shiftPitch(tenSeconds, RATE, 2 ** (3 / 12)));
time('shiftPitch ×0.8', 10, () => shiftPitch(tenSeconds, RATE, 0.8));
time('shiftPitch ×1.25, formants shifted', 10, () => shiftPitch(tenSeconds, RATE, 1.25, { formants: 'shift' }));
const gains = Array.from({ length: SPECTRAL_BAND_COUNT }, (_, band) => (band % 3) - 1);
time('equalize', 10, () => equalize(tenSeconds, RATE, gains));
