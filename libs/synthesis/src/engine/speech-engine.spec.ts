/**
 * @jest-environment ./libs/synthesis/src/testing/onnx-test-environment.mjs
 */
import { resolve } from 'node:path';
import { EspeakPhonemizer } from './espeak-phonemizer.js';
import { SpeechEngine, UnknownVoiceError, type SentenceSpeech } from './speech-engine.js';
import { VoiceCatalog } from './voice-catalog.js';

const MODELS_DIR = resolve(process.cwd(), 'models');
const SENTENCE = 'The quick brown fox jumps over the lazy dog.';

function same(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

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

  it('mixes speakers: equal shares, normalised weights, and a table row is that speaker', async () => {
    const table = engine.embeddingTable('en_US-voxify-low');
    expect([...table.keys()]).toEqual(['slt', 'rms', 'awb', 'kal']);
    const half = engine.speakerEmbedding('en_US-voxify-low:slt+rms');
    const weighted = engine.speakerEmbedding('en_US-voxify-low:slt(2)+rms(1)');
    for (const i of [0, 100, 3519]) {
      expect(half[i]).toBeCloseTo((table.get('slt')![i]! + table.get('rms')![i]!) / 2, 5);
      expect(weighted[i]).toBeCloseTo((2 * table.get('slt')![i]! + table.get('rms')![i]!) / 3, 5);
    }
    expect(same(engine.speakerEmbedding('en_US-voxify-low:awb'), table.get('awb')!)).toBe(true);
    const slt = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low:slt', speed: 1 });
    const rmsVoice = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low:rms', speed: 1 });
    const mix = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low:slt+rms', speed: 1 });
    expect(same(mix.samples, slt.samples) || same(mix.samples, rmsVoice.samples)).toBe(false);
    // The mix speaks at a rate between the two (model card: timing moves smoothly with the mix).
    expect(mix.samples.length).toBeGreaterThanOrEqual(Math.min(slt.samples.length, rmsVoice.samples.length));
    expect(mix.samples.length).toBeLessThanOrEqual(Math.max(slt.samples.length, rmsVoice.samples.length));
  });

  it('a custom speaker point equal to a row speaks as that speaker, on any base speaker', async () => {
    const kal = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low:kal', speed: 1 });
    const custom = await engine.synthesize({
      text: SENTENCE,
      voiceId: 'en_US-voxify-low:slt',
      speed: 1,
      speaker: { embedding: engine.speakerEmbedding('en_US-voxify-low:kal') },
    });
    expect(same(custom.samples, kal.samples)).toBe(true);
    const shaped = await engine.synthesize({
      text: SENTENCE,
      voiceId: 'en_US-voxify-low:slt',
      speed: 1,
      speaker: { embedding: engine.speakerEmbedding('en_US-voxify-low:kal'), spectralGainsDb: [0, 0, 0, 0, 0, 0, 0, 0, 0, -12, -12, -12] },
    });
    expect(shaped.samples.length).toBe(kal.samples.length);
    expect(rms(shaped.samples)).toBeLessThan(rms(kal.samples));
  });

  it('pitch keeps the length and changes the audio', async () => {
    const normal = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low:rms', speed: 1 });
    const higher = await engine.synthesize({ text: SENTENCE, voiceId: 'en_US-voxify-low:rms', speed: 1, pitch: 1.25 });
    expect(higher.samples.length).toBe(normal.samples.length);
    expect(same(higher.samples, normal.samples)).toBe(false);
  });

  it('refuses mixes with an unknown speaker or a malformed weight', () => {
    expect(() => engine.resolve('en_US-voxify-low:slt+nobody')).toThrow(UnknownVoiceError);
    expect(() => engine.resolve('en_US-voxify-low:slt(0)+rms')).toThrow(UnknownVoiceError);
    expect(() => engine.speakerEmbedding('nope:slt+rms')).toThrow(UnknownVoiceError);
    expect(() => engine.embeddingTable('nope')).toThrow(UnknownVoiceError);
  });

  it('times each word inside its sentence, in order', async () => {
    const text = 'It was a bright cold day in April. Kind of a lot of the time!';
    const speech = await engine.synthesize({ text, voiceId: 'en_US-voxify-low:slt', speed: 1 });
    const words = speech.words!;
    expect(words.map((word) => word.word)).toEqual([
      'It',
      'was',
      'a',
      'bright',
      'cold',
      'day',
      'in',
      'April',
      'Kind',
      'of',
      'a',
      'lot',
      'of',
      'the',
      'time',
    ]);
    const seconds = speech.samples.length / speech.sampleRate;
    words.forEach((word, i) => {
      expect(word.end).toBeGreaterThan(word.start);
      if (i > 0) expect(word.start).toBeGreaterThanOrEqual(words[i - 1]!.end);
      expect(word.end).toBeLessThanOrEqual(seconds);
    });
    // The second sentence's words come after the first sentence's audio and its pause.
    const [first] = engine.plan({ text, voiceId: 'en_US-voxify-low', speed: 1 });
    const firstSentence = await engine.render(first!, { voiceId: 'en_US-voxify-low:slt', speed: 1 });
    expect(words[8]!.start).toBeGreaterThan(firstSentence.samples.length / 16000 + 0.25);
    // "bright" (0.3-0.6 s into an utterance of about 2 s) sits inside the sentence, not at an edge.
    expect(firstSentence.words![3]!.start).toBeGreaterThan(0.2);
    expect(firstSentence.words![3]!.end).toBeLessThan(firstSentence.samples.length / 16000 - 0.3);
  });

  it('concurrent renders are batched and give the same audio as sequential ones', async () => {
    const sentences = engine.plan({
      text: 'One small step. It was a bright cold day in April, and the clocks were striking thirteen. Hello there! The quick brown fox jumps over the lazy dog.',
      voiceId: 'en_US-voxify-low',
      speed: 1,
    });
    const voices = ['en_US-voxify-low:slt', 'en_US-voxify-low:rms', 'en_US-voxify-low:kal', 'en_US-voxify-low:slt+awb'];
    const jobs = sentences.flatMap((sentence) => voices.map((voiceId) => ({ sentence, voiceId })));
    const sequential: SentenceSpeech[] = [];
    for (const job of jobs) sequential.push(await engine.render(job.sentence, { voiceId: job.voiceId, speed: 1 }));
    const concurrent = await Promise.all(jobs.map((job) => engine.render(job.sentence, { voiceId: job.voiceId, speed: 1 })));
    concurrent.forEach((speech, i) => {
      expect(speech.index).toBe(sequential[i]!.index);
      expect(maxAbsDiff(speech.samples, sequential[i]!.samples)).toBeLessThan(1e-4);
      expect(speech.words).toEqual(sequential[i]!.words);
    });
  });

  it('names the execution provider of each voice', () => {
    expect(engine.providers).toEqual({ 'en_US-voxify-low': 'cpu' });
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
