/**
 * @jest-environment ./libs/synthesis/src/testing/onnx-test-environment.mjs
 */
import { resolve } from 'node:path';
// The real voice from the synthesis library (not exported by #synthesis; a test-only reach across libraries).
import { EspeakPhonemizer } from '../../../synthesis/src/engine/espeak-phonemizer.js';
import { SpeechEngine } from '../../../synthesis/src/engine/speech-engine.js';
import { VoiceCatalog } from '../../../synthesis/src/engine/voice-catalog.js';
import { shiftPitch } from '../dsp/pitch-shift.js';
import { noise } from '../testing/signals.js';
import { semitonesBetween } from './pitch-units.js';
import { speakerDistance, speakerStatistics } from './speaker-statistics.js';
import { analyzeSpeech } from './speech-analysis.js';

const MODELS_DIR = resolve(process.cwd(), 'models');
const TEXT =
  'It was a bright cold day in April, and the clocks were striking thirteen. Winston Smith, his chin nuzzled into his breast ' +
  'in an effort to escape the vile wind, slipped quickly through the glass doors of Victory Mansions.';
const OTHER_TEXT =
  'The quick brown fox jumps over the lazy dog. She sells sea shells by the sea shore, and the shells she sells are surely ' +
  'seashells. Peter Piper picked a peck of pickled peppers.';

describe('analyzeSpeech on the real voice', () => {
  let catalog: VoiceCatalog;
  let engine: SpeechEngine;
  const speech = new Map<string, Float32Array>();
  const RATE = 16000;

  const say = async (voiceId: string, text = TEXT): Promise<Float32Array> => {
    const key = `${voiceId}|${text}`;
    if (!speech.has(key)) speech.set(key, (await engine.synthesize({ text, voiceId, speed: 1 })).samples);
    return speech.get(key)!;
  };

  beforeAll(async () => {
    catalog = await VoiceCatalog.load(MODELS_DIR, { threads: 2, provider: 'cpu' });
    engine = new SpeechEngine(catalog, new EspeakPhonemizer());
  }, 60_000);

  afterAll(() => catalog.close());

  it('describes clean synthesized speech as good, with speech-like figures', async () => {
    const female = analyzeSpeech(await say('en_US-voxify-low:slt'), RATE);
    const male = analyzeSpeech(await say('en_US-voxify-low:rms'), RATE);
    for (const analysis of [female, male]) {
      expect(analysis.quality_score).toBeGreaterThanOrEqual(8);
      expect(analysis.voiced_ratio).toBeGreaterThan(0.4);
      expect(analysis.voiced_ratio).toBeLessThan(0.95);
      expect(analysis.speaking_rate).toBeGreaterThan(2.5);
      expect(analysis.speaking_rate).toBeLessThan(7);
      expect(analysis.snr_db).toBeGreaterThan(30);
      expect(analysis.pitch.min_hz).toBeLessThan(analysis.pitch.median_hz);
      expect(analysis.pitch.max_hz).toBeGreaterThan(analysis.pitch.median_hz);
    }
    expect(female.pitch.median_hz).toBeGreaterThan(male.pitch.median_hz * 1.3);
    expect(male.pitch.median_hz).toBeGreaterThan(70);
    expect(female.pitch.median_hz).toBeLessThan(300);
  });

  it('scores the same speech with white noise at 10 dB SNR lower, for background noise', async () => {
    const clean = await say('en_US-voxify-low:slt');
    let power = 0;
    for (const sample of clean) power += sample * sample;
    const white = noise(RATE, clean.length / RATE, 1, 3).samples;
    const noiseGain = Math.sqrt(power / clean.length / 10) / Math.sqrt(1 / 3);
    const noisy = analyzeSpeech(
      clean.map((sample, i) => sample + white[i]! * noiseGain),
      RATE,
    );
    const reference = analyzeSpeech(clean, RATE);
    expect(noisy.quality_score).toBeLessThan(reference.quality_score - 2);
    expect(noisy.snr_db).toBeLessThan(20);
    expect(noisy.quality_issues.some((issue) => issue.startsWith('background noise'))).toBe(true);
  });

  it('reports clipping and a too-quiet level', async () => {
    const clean = await say('en_US-voxify-low:rms');
    const clipped = analyzeSpeech(
      clean.map((sample) => Math.max(-0.2, Math.min(0.2, sample))),
      RATE,
    );
    expect(clipped.clipping_ratio).toBeGreaterThan(0.01);
    expect(clipped.quality_issues.some((issue) => issue.startsWith('clipping'))).toBe(true);
    const loudness = analyzeSpeech(clean, RATE).loudness_lufs;
    const quiet = analyzeSpeech(
      clean.map((sample) => sample * 10 ** ((-40 - loudness) / 20)),
      RATE,
    );
    expect(quiet.loudness_lufs).toBeCloseTo(-40, 0);
    expect(quiet.quality_issues).toContain('too quiet (-40.0 LUFS)');
  });

  it.each(['slt', 'rms'])('shiftPitch by 2^(3/12) raises %s median pitch by 3 semitones and keeps the duration', async (speaker) => {
    const original = await say(`en_US-voxify-low:${speaker}`);
    const shifted = shiftPitch(original, RATE, 2 ** (3 / 12));
    expect(shifted).toHaveLength(original.length);
    const before = analyzeSpeech(original, RATE).pitch.median_hz;
    const after = analyzeSpeech(shifted, RATE).pitch.median_hz;
    expect(Math.abs(semitonesBetween(before, after) - 3)).toBeLessThan(0.5);
  });

  it.each([
    ['slt', 0.5],
    ['rms', 2],
    ['slt', 2 ** (-5 / 12)],
  ])('shiftPitch moves %s by the factor %f in semitones (±0.5)', async (speaker, factor) => {
    const original = await say(`en_US-voxify-low:${speaker}`);
    const before = analyzeSpeech(original, RATE).pitch.median_hz;
    const after = analyzeSpeech(shiftPitch(original, RATE, factor), RATE).pitch.median_hz;
    expect(Math.abs(semitonesBetween(before, after) - 12 * Math.log2(factor))).toBeLessThan(0.5);
  });

  it('keeps the timbre of shifted speech (formants preserved) closer to the original than a formant-moving shift', async () => {
    const original = await say('en_US-voxify-low:rms');
    const envelope = (samples: Float32Array): number[] => analyzeSpeech(samples, RATE).spectral_envelope;
    const reference = envelope(original);
    // Shape of bands 545 Hz–5.4 kHz only, less their common offset (the fundamental's band moves it).
    const deviation = (other: number[]): number => {
      const differences = [5, 6, 7, 8, 9, 10].map((band) => other[band]! - reference[band]!);
      const offset = differences.reduce((sum, difference) => sum + difference, 0) / differences.length;
      return differences.reduce((sum, difference) => sum + Math.abs(difference - offset), 0) / differences.length;
    };
    for (const factor of [0.8, 1.25]) {
      const preserved = deviation(envelope(shiftPitch(original, RATE, factor)));
      const moved = deviation(envelope(shiftPitch(original, RATE, factor, { formants: 'shift' })));
      expect(preserved).toBeLessThan(2);
      expect(preserved).toBeLessThan(moved / 2);
    }
  });

  it('puts two texts of one speaker closer together than the same text by two speakers', async () => {
    const vector = async (voiceId: string, text?: string): Promise<Float32Array> =>
      speakerStatistics(analyzeSpeech(await say(voiceId, text), RATE));
    const sltA = await vector('en_US-voxify-low:slt');
    const sltB = await vector('en_US-voxify-low:slt', OTHER_TEXT);
    const rmsA = await vector('en_US-voxify-low:rms');
    const rmsB = await vector('en_US-voxify-low:rms', OTHER_TEXT);
    expect(speakerDistance(sltA, sltB)).toBeLessThan(speakerDistance(sltA, rmsA));
    expect(speakerDistance(rmsA, rmsB)).toBeLessThan(speakerDistance(rmsB, sltB));
  });
});
