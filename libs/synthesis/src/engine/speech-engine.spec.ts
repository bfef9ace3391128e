/**
 * @jest-environment ./libs/synthesis/src/testing/onnx-test-environment.mjs
 */
import { resolve } from 'node:path';
import { EspeakPhonemizer } from './espeak-phonemizer.js';
import { SpeechEngine, UnknownVoiceError } from './speech-engine.js';
import { VoiceCatalog } from './voice-catalog.js';

const MODELS_DIR = resolve(process.cwd(), 'models');
const SENTENCE = 'The quick brown fox jumps over the lazy dog.';

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

describe('SpeechEngine with the default voice', () => {
  let catalog: VoiceCatalog;
  let engine: SpeechEngine;

  beforeAll(async () => {
    catalog = await VoiceCatalog.load(MODELS_DIR, { threads: 2, provider: 'cpu' });
    engine = new SpeechEngine(catalog, new EspeakPhonemizer());
    await engine.warm();
  }, 60_000);

  afterAll(() => catalog.close());

  it('loads the four-speaker 16 kHz voice', () => {
    const voice = catalog.voices.find((candidate) => candidate.name === 'en_US-voxify-low');
    expect(voice?.sampleRate).toBe(16000);
    expect(voice?.speakers.map((speaker) => speaker.name)).toEqual(['slt', 'rms', 'awb', 'kal']);
  });

  it('speaks a sentence with a plausible duration and level', async () => {
    const speech = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low:slt', speed: 1 });
    const seconds = speech.samples.length / speech.sampleRate;
    expect(speech.sampleRate).toBe(16000);
    expect(seconds).toBeGreaterThan(SENTENCE.length * 0.05);
    expect(seconds).toBeLessThan(SENTENCE.length * 0.2);
    expect(rms(speech.samples)).toBeGreaterThan(0.01);
  });

  it('speed 2 roughly halves the length, and sentences are separated by a pause', async () => {
    const normal = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low', speed: 1 });
    const fast = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low', speed: 2 });
    const ratio = fast.samples.length / normal.samples.length;
    expect(ratio).toBeGreaterThan(0.4);
    // Each phoneme lasts at least one frame, so short phonemes shrink less than the scale.
    expect(ratio).toBeLessThan(0.7);
    const two = await engine.synthesize({ text: `${SENTENCE} ${SENTENCE}`, voiceId: 'en_US-voxify-low', speed: 1 });
    expect(two.samples.length).toBe(2 * normal.samples.length + 0.25 * 16000);
  });

  it('speakers differ', async () => {
    const slt = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low:slt', speed: 1 });
    const rms = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low:rms', speed: 1 });
    expect(slt.samples.length === rms.samples.length && slt.samples.every((v, i) => v === rms.samples[i])).toBe(false);
  });

  it('refuses unknown voices and speakers', () => {
    expect(() => engine.resolve('nope')).toThrow(UnknownVoiceError);
    expect(() => engine.resolve('en_US-voxify-low:nobody')).toThrow(UnknownVoiceError);
  });

  it('runs much faster than real time', async () => {
    const text = 'It was a bright cold day in April, and the clocks were striking thirteen.';
    const started = performance.now();
    const speech = await engine.synthesize({ text, voiceId: 'en_US-voxify-low:rms', speed: 1 });
    const compute = (performance.now() - started) / 1000;
    const audio = speech.samples.length / speech.sampleRate;
    process.stdout.write(`engine RTF ${(compute / audio).toFixed(4)} (${compute.toFixed(3)} s for ${audio.toFixed(2)} s)\n`);
    expect(compute / audio).toBeLessThan(0.5);
  });
});
