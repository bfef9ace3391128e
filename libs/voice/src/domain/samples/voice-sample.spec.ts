import { ApplicationError } from '#contracts';
import { VoiceSample } from './voice-sample.js';
import { judgeVoiceSample, type VoiceSampleMetrics } from './voice-sample-metrics.js';
import { sampleLanguage } from './voice-sample-fields.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const LIMITS = { minSeconds: 1, maxSeconds: 600 };

const GOOD: VoiceSampleMetrics = {
  sampleRate: 22050,
  channels: 1,
  loudnessLufs: -20,
  peakDbfs: -3,
  clippingRatio: 0,
  silenceRatio: 0.2,
  snrDb: 40,
  pitch: { medianHz: 140, minHz: 100, maxHz: 220 },
  speakingRate: 4,
  voicedRatio: 0.7,
  spectralEnvelope: [0, 1, -1],
  qualityScore: 9.5,
  qualityIssues: [],
};

function upload(overrides: Partial<Parameters<typeof VoiceSample.upload>[0]> = {}): VoiceSample {
  return VoiceSample.upload(
    {
      id: 'vs_1',
      ownerId: 'usr_a',
      name: '  Take one ',
      format: 'wav',
      durationSeconds: 12,
      fileId: 'file_1',
      fileSize: 1000,
      now: NOW,
      ...overrides,
    },
    LIMITS,
  );
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof ApplicationError ? error.code : 'not an ApplicationError';
  }
  return undefined;
}

describe('VoiceSample', () => {
  it('starts uploaded with trimmed fields and en-US by default', () => {
    const p = upload().snapshot();
    expect(p).toMatchObject({
      status: 'uploaded',
      name: 'Take one',
      description: null,
      language: 'en-US',
      metrics: null,
      normalizedFileId: null,
    });
  });

  it('refuses audio outside the duration limits as INVALID_AUDIO, and bad fields as VALIDATION_ERROR', () => {
    expect(codeOf(() => upload({ durationSeconds: 0.5 }))).toBe('INVALID_AUDIO');
    expect(codeOf(() => upload({ durationSeconds: 601 }))).toBe('INVALID_AUDIO');
    expect(codeOf(() => upload({ durationSeconds: Number.NaN }))).toBe('INVALID_AUDIO');
    expect(codeOf(() => upload({ name: '' }))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => upload({ name: 'x'.repeat(101) }))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => upload({ name: 'a\u0000b' }))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => upload({ language: 'english' }))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => upload({ durationSeconds: 1 }))).toBeUndefined();
  });

  it('canonicalises BCP 47 tags', () => {
    expect(sampleLanguage('en-us')).toBe('en-US');
    expect(sampleLanguage('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(sampleLanguage('de')).toBe('de');
    expect(sampleLanguage(undefined)).toBe('en-US');
  });

  it('is visible to its owner and to admins only', () => {
    const sample = upload();
    expect(sample.visibleTo({ userId: 'usr_a', admin: false })).toBe(true);
    expect(sample.visibleTo({ userId: 'usr_b', admin: false })).toBe(false);
    expect(sample.visibleTo({ userId: 'usr_b', admin: true })).toBe(true);
  });

  it('becomes ready with its normalised copy when the analysis is good', () => {
    const sample = upload();
    sample.recordAnalysis(GOOD, 'file_norm', NOW);
    expect(sample.snapshot()).toMatchObject({ status: 'ready', normalizedFileId: 'file_norm', rejectionReasons: [], analyzedAt: NOW });
    expect(() => upload().recordAnalysis(GOOD, null, NOW)).toThrow(/normalised copy/);
  });

  it('becomes rejected with the reasons, and drops a copy it will not need', () => {
    const sample = upload({ durationSeconds: 3 });
    sample.recordAnalysis({ ...GOOD, loudnessLufs: -60, silenceRatio: 0.9, clippingRatio: 0.1, snrDb: 1, pitch: null }, 'file_norm', NOW);
    const p = sample.snapshot();
    expect(p.status).toBe('rejected');
    expect(p.normalizedFileId).toBeNull();
    expect(p.rejectionReasons.join('; ')).toMatch(/too short.*mostly silence.*too quiet.*heavily clipped.*too noisy.*no voiced speech/);
  });

  it('edits name and description only', () => {
    const sample = upload();
    sample.edit({ name: 'Renamed', description: '' }, new Date('2026-11-23T11:00:00Z'));
    expect(sample.snapshot()).toMatchObject({ name: 'Renamed', description: null, updatedAt: new Date('2026-11-23T11:00:00Z') });
  });
});

describe('judgeVoiceSample', () => {
  it('accepts a good recording and rejects a poor one that is otherwise in range', () => {
    expect(judgeVoiceSample(GOOD, 10)).toEqual({ status: 'ready', reasons: [] });
    expect(judgeVoiceSample({ ...GOOD, qualityScore: 1.5 }, 10)).toEqual({ status: 'rejected', reasons: ['quality too low (1.5 / 10)'] });
    expect(judgeVoiceSample({ ...GOOD, loudnessLufs: Number.NEGATIVE_INFINITY }, 10).reasons).toEqual(['too quiet (-∞ LUFS)']);
  });
});
