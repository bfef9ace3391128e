import { DEFAULT_TRAINING_CONFIG } from '#contracts';
import { CandidateRenderer, type FitterCandidate, type RenderedSpeech } from '../ports/fitter-candidate-renderer.js';
import { FitterSpeechMeter, type SpeakerMeasurement } from '../ports/fitter-speech-meter.js';
import { ProfileBuiltinSpeakers } from './profile-builtin-speakers.js';
import { SpeakerMixFitter } from './speaker-mix-fitter.js';

/**
 * A toy speech engine whose "audio" is the statistics a candidate would have: [pitch (st), 3 envelope
 * bands (dB), speaking rate]. Mixing moves the envelope and rate linearly but, like the real model,
 * pitch snaps to the dominant speaker; the pitch factor, speed and gains act after "synthesis".
 */
const SPEAKERS: Record<string, number[]> = {
  high: [12, 0, -3, -6, 4],
  low: [0, 2, 0, -4, 3.5],
  mid: [6, -1, -1, -1, 4.5],
};
const NAMES = Object.keys(SPEAKERS);

class ToyRenderer extends CandidateRenderer {
  renders = 0;

  async baseVoice(): Promise<{ voice: string; language: string }> {
    return { voice: 'toy', language: 'en' };
  }

  async speakers(): Promise<string[]> {
    return NAMES;
  }

  async render(candidate: FitterCandidate): Promise<RenderedSpeech> {
    this.renders++;
    const weights = NAMES.map((name) => candidate.mixWeights?.[name] ?? 0);
    const dominant = NAMES[weights.indexOf(Math.max(...weights))]!;
    const stats = [0, 1, 2, 3, 4].map((i) => NAMES.reduce((sum, name, k) => sum + weights[k]! * SPEAKERS[name]![i]!, 0));
    stats[0] = SPEAKERS[dominant]![0]! + 12 * Math.log2(candidate.pitch ?? 1);
    stats[4] = stats[4]! * (candidate.speed ?? 1);
    candidate.spectralGainsDb?.forEach((gain, band) => (stats[1 + band]! += gain));
    return { samples: Float32Array.from(stats), sampleRate: 1 };
  }
}

class ToyMeter extends FitterSpeechMeter {
  measure(samples: Float32Array): SpeakerMeasurement {
    return this.fromStatistics(Array.from(samples));
  }

  fromStatistics(statistics: readonly number[]): SpeakerMeasurement {
    return {
      statistics: [...statistics],
      pitchHz: 100 * 2 ** (statistics[0]! / 12),
      speakingRate: statistics[4]!,
      bandLevelsDb: statistics.slice(1, 4),
    };
  }

  distance(a: readonly number[], b: readonly number[]): number {
    return Math.hypot(...a.map((value, i) => value - b[i]!));
  }
}

describe('SpeakerMixFitter (toy engine)', () => {
  const meter = new ToyMeter();
  // "mid" shifted up 4 semitones, a little faster, with a brighter top band: no built-in speaker has it.
  const target = meter.fromStatistics([10, -1, -1, 1, 5]);

  function fitter(renderer: ToyRenderer): SpeakerMixFitter {
    return new SpeakerMixFitter(renderer, meter, new ProfileBuiltinSpeakers(renderer, meter));
  }

  it('starts at the nearest built-in speaker, searches, then fits pitch, tempo and gains that lower the distance', async () => {
    const renderer = new ToyRenderer();
    const messages: string[] = [];
    const fit = await fitter(renderer).fit({
      baseVoice: 'toy',
      target,
      config: { epochs: 6, learning_rate: 0.003, batch_size: 4 },
      seed: 42,
      resumeFrom: undefined,
      checkpoint: async (_state, progress, message) => {
        expect(progress).toBeGreaterThanOrEqual(0);
        expect(progress).toBeLessThanOrEqual(1);
        messages.push(message);
      },
    });
    expect(messages[0]).toMatch(/^nearest built-in speaker distance \d+\.\d{3}; starting from mid at pitch ×1\.260, distance /);
    expect(messages.filter((message) => /^epoch \d+\/6, distance \d+\.\d{3}$/.test(message))).toHaveLength(6);
    expect(fit.distanceBefore).toBeCloseTo(meter.distance(SPEAKERS.mid!, target.statistics), 9);
    expect(fit.distanceAfter).toBeLessThan(fit.distanceBefore / 2);
    expect(fit.mixWeights!.mid).toBeGreaterThan(0.5);
    expect(12 * Math.log2(fit.renderedPitchHz! / target.pitchHz!)).toBeCloseTo(0, 6);
    expect(fit.tempo).toBeGreaterThan(1);
    expect(fit.spectralGainsDb[2]).toBeGreaterThan(0);
    // 3 built-ins plain and at the target's pitch, the start point, 6 × 4 candidates, then 5 corrections
    // (plain, pitch, pitch + tempo, pitch + gains, pitch + tempo + gains).
    expect(renderer.renders).toBe(3 + 3 + 1 + 24 + 5);
  });

  it('starts from the speaker that comes closest once its pitch is corrected, not the nearest as rendered', async () => {
    // "low"'s timbre and rate an octave up: "high" is nearer as rendered (same pitch), "low" once shifted.
    const octaveUpLow = meter.fromStatistics([12, 2, 0, -4, 3.5]);
    const messages: string[] = [];
    const fit = await fitter(new ToyRenderer()).fit({
      baseVoice: 'toy',
      target: octaveUpLow,
      config: { epochs: 2, learning_rate: 0.001, batch_size: 2 },
      seed: 1,
      resumeFrom: undefined,
      checkpoint: async (_state, _progress, message) => void messages.push(message),
    });
    expect(messages[0]).toMatch(/starting from low at pitch ×2\.000, distance 0\.\d{3}$/);
    expect(fit.distanceBefore).toBeCloseTo(meter.distance(SPEAKERS.high!, octaveUpLow.statistics), 9);
    expect(fit.distanceAfter).toBeLessThan(0.05);
    expect(fit.pitchFactor).toBeCloseTo(2, 6);
  });

  it('goes on from a checkpoint without measuring the built-in speakers or the finished epochs again', async () => {
    let saved: unknown;
    const config = { ...DEFAULT_TRAINING_CONFIG, epochs: 4, batch_size: 2 };
    const interrupted = fitter(new ToyRenderer()).fit({
      baseVoice: 'toy',
      target,
      config,
      seed: 7,
      resumeFrom: undefined,
      checkpoint: async (state, _progress, message) => {
        saved = state;
        if (message.startsWith('epoch 2/')) throw new Error('worker lost');
      },
    });
    await expect(interrupted).rejects.toThrow('worker lost');

    const renderer = new ToyRenderer();
    const resumed = await fitter(renderer).fit({
      baseVoice: 'toy',
      target,
      config,
      seed: 7,
      resumeFrom: saved,
      checkpoint: async () => undefined,
    });
    const whole = await fitter(new ToyRenderer()).fit({
      baseVoice: 'toy',
      target,
      config,
      seed: 7,
      resumeFrom: undefined,
      checkpoint: async () => undefined,
    });
    expect(renderer.renders).toBe(2 * 2 + 5);
    expect(resumed).toEqual(whole);
  });
});
