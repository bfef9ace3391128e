import { harmonicTone } from '../dsp/harmonic-tone.js';
import { SPECTRAL_BAND_COUNT } from '../dsp/spectral-bands.js';
import { noise } from '../testing/signals.js';
import { semitonesBetween } from './pitch-units.js';
import {
  NoVoicedSpeechError,
  SPEAKER_DISTANCE_WEIGHTS,
  SPEAKER_STATISTICS,
  speakerDistance,
  speakerStatistics,
} from './speaker-statistics.js';
import { analyzeSpeech, type SpeechAnalysis } from './speech-analysis.js';

const RATE = 16000;

function analysisWith(overrides: Partial<SpeechAnalysis>): SpeechAnalysis {
  return {
    duration: 10,
    sample_rate: RATE,
    loudness_lufs: -20,
    peak_dbfs: -3,
    clipping_ratio: 0,
    silence_ratio: 0.2,
    snr_db: 50,
    pitch: { median_hz: 120, min_hz: 90, max_hz: 180 },
    voiced_ratio: 0.7,
    speaking_rate: 4,
    spectral_envelope: new Array<number>(SPECTRAL_BAND_COUNT).fill(0),
    quality_score: 10,
    quality_issues: [],
    ...overrides,
  };
}

describe('semitonesBetween', () => {
  it('counts 12 per octave, signed', () => {
    expect(semitonesBetween(100, 200)).toBeCloseTo(12, 12);
    expect(semitonesBetween(200, 100)).toBeCloseTo(-12, 12);
    expect(semitonesBetween(440, 440 * 2 ** (3 / 12))).toBeCloseTo(3, 12);
    expect(() => semitonesBetween(0, 100)).toThrow(RangeError);
  });
});

describe('speakerStatistics', () => {
  it('lays out pitch (st re 100 Hz), spread (st), envelope bands and speaking rate', () => {
    const envelope = Array.from({ length: SPECTRAL_BAND_COUNT }, (_, band) => band - 5);
    const vector = speakerStatistics(analysisWith({ spectral_envelope: envelope, speaking_rate: 4.5 }));
    expect(vector).toHaveLength(SPEAKER_STATISTICS.length);
    expect(vector[SPEAKER_STATISTICS.pitch]).toBeCloseTo(semitonesBetween(100, 120), 5);
    expect(vector[SPEAKER_STATISTICS.pitchSpread]).toBeCloseTo(12, 5);
    expect(Array.from(vector.subarray(SPEAKER_STATISTICS.envelope, SPEAKER_STATISTICS.envelope + SPECTRAL_BAND_COUNT))).toEqual(envelope);
    expect(vector[SPEAKER_STATISTICS.speakingRate]).toBeCloseTo(4.5, 5);
  });

  it('refuses an analysis without voiced speech', () => {
    const unvoiced = analyzeSpeech(noise(RATE, 2, 0.3).samples, RATE);
    expect(unvoiced.pitch.median_hz).toBe(0);
    expect(() => speakerStatistics(unvoiced)).toThrow(NoVoicedSpeechError);
  });

  it('separates tones by pitch and spectrum', () => {
    const low = speakerStatistics(analyzeSpeech(harmonicTone(RATE, 110, 3, { syllablesPerSecond: 4 }), RATE));
    const high = speakerStatistics(analyzeSpeech(harmonicTone(RATE, 220, 3, { syllablesPerSecond: 4 }), RATE));
    expect(high[SPEAKER_STATISTICS.pitch]! - low[SPEAKER_STATISTICS.pitch]!).toBeCloseTo(12, 0);
    expect(speakerDistance(low, high)).toBeGreaterThan(3);
  });
});

describe('speakerDistance', () => {
  const base = speakerStatistics(analysisWith({}));

  it('is a weighted Euclidean distance: zero for one vector, symmetric, √0.25 per semitone of median pitch', () => {
    expect(speakerDistance(base, base)).toBe(0);
    const higher = speakerStatistics(
      analysisWith({ pitch: { median_hz: 120 * 2 ** (1 / 12), min_hz: 90 * 2 ** (1 / 12), max_hz: 180 * 2 ** (1 / 12) } }),
    );
    expect(speakerDistance(base, higher)).toBeCloseTo(0.5, 4);
    expect(speakerDistance(higher, base)).toBe(speakerDistance(base, higher));
    expect(() => speakerDistance(base, new Float32Array(3))).toThrow(RangeError);
  });

  it('lets median pitch carry under a third of a typical speaker difference', () => {
    const other = speakerStatistics(
      analysisWith({
        pitch: { median_hz: 120 * 2 ** (4 / 12), min_hz: 90 * 2 ** (4 / 12), max_hz: 180 * 2 ** (6 / 12) },
        spectral_envelope: Array.from({ length: SPECTRAL_BAND_COUNT }, (_, band) => (band % 2 ? 4 : -4)),
        speaking_rate: 4.7,
      }),
    );
    const pitchTerm = SPEAKER_DISTANCE_WEIGHTS[SPEAKER_STATISTICS.pitch]! * 4 ** 2;
    expect(pitchTerm / speakerDistance(base, other) ** 2).toBeLessThan(1 / 3);
    expect(pitchTerm / speakerDistance(base, other) ** 2).toBeGreaterThan(0.2);
  });
});
