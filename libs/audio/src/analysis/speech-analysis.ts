import { clippingRatio, peakDbfs } from './clipping.js';
import { frameLevelsDb, removeDc } from './frame-levels.js';
import { integratedLoudness, LEVEL_FLOOR_DB } from './loudness.js';
import { ANALYSIS_HOP_SECONDS, percentile, trackPitch } from './pitch-tracker.js';
import { scoreQuality } from './quality-score.js';
import { spectralEnvelope } from './spectral-envelope.js';
import { countSyllableNuclei } from './syllable-nuclei.js';

/** What analyzeSpeech measures; snake_case because it travels as-is in messages and API responses. */
export interface SpeechAnalysis {
  /** Seconds. */
  duration: number;
  sample_rate: number;
  /** ITU-R BS.1770 integrated loudness; LEVEL_FLOOR_DB (−120) for silence. */
  loudness_lufs: number;
  /** Highest absolute sample in dBFS; −120 for digital silence. */
  peak_dbfs: number;
  /** Share (0–1) of samples on flat tops at the signal's ceiling (see clippingRatio). */
  clipping_ratio: number;
  /** Share (0–1) of 10 ms frames below the activity threshold. */
  silence_ratio: number;
  /** Speech-active power over the noise floor (5th percentile of frame power), dB, 0–100. */
  snr_db: number;
  /** Over voiced frames: median, 5th and 95th percentile; all 0 when nothing is voiced. */
  pitch: { median_hz: number; min_hz: number; max_hz: number };
  /** Share (0–1) of the active frames that are voiced. */
  voiced_ratio: number;
  /** Syllable nuclei per second of speaking time (pauses of 300 ms or more left out: articulation rate). */
  speaking_rate: number;
  /** dB per SPECTRAL_BANDS_HZ band relative to the bands' mean (see spectralEnvelope). */
  spectral_envelope: number[];
  /** 0–10, one decimal: 10 minus the penalties listed in quality_issues. */
  quality_score: number;
  quality_issues: string[];
}

/** Absolute activity floor: frames quieter than −60 dBFS are silence however quiet the whole recording is. */
const ACTIVITY_FLOOR_DB = -60;
/** Frames more than 40 dB below the loud frames (95th percentile) are silence. */
const ACTIVITY_RANGE_DB = 40;
/** …and frames must stand out from the noise floor by 30 % of the floor-to-loud range. */
const ACTIVITY_NOISE_SHARE = 0.3;
/** …but never closer than this to the loud frames. */
const STEADY_MARGIN_DB = 3;
const NOISE_PERCENTILE = 0.05;
const LOUD_PERCENTILE = 0.95;

/**
 * Measures a mono recording for voice-sample quality and voice statistics in one pass of 10 ms frames:
 * loudness (BS.1770), peak, clipping, silence, SNR, pitch (YIN), voicing, speaking rate (syllable nuclei),
 * long-term spectral envelope, and a 0–10 quality score with the reasons it was lowered.
 */
export function analyzeSpeech(samples: Float32Array, sampleRate: number): SpeechAnalysis {
  if (!(sampleRate > 0)) throw new RangeError(`Invalid sample rate: ${sampleRate}`);
  const hop = Math.max(1, Math.round(ANALYSIS_HOP_SECONDS * sampleRate));
  const signal = removeDc(samples, sampleRate);
  const levels = frameLevelsDb(signal, sampleRate, hop);
  const sortedLevels = Float64Array.from(levels).sort();
  const noiseDb = percentile(sortedLevels, NOISE_PERCENTILE);
  const loudDb = percentile(sortedLevels, LOUD_PERCENTILE);
  // A steady signal (floor ≈ loud) is all active, not all silent: the noise term stays a little under the loud frames.
  const aboveNoise = Math.min(noiseDb + ACTIVITY_NOISE_SHARE * (loudDb - noiseDb), loudDb - STEADY_MARGIN_DB);
  const threshold = Math.max(ACTIVITY_FLOOR_DB, loudDb - ACTIVITY_RANGE_DB, aboveNoise);
  const active = new Uint8Array(levels.length);
  let activeCount = 0;
  let activePower = 0;
  for (let frame = 0; frame < levels.length; frame++) {
    if (levels[frame]! <= threshold) continue;
    active[frame] = 1;
    activeCount++;
    activePower += 10 ** (levels[frame]! / 10);
  }
  const track = trackPitch(samples, sampleRate, active);
  const voiced = new Uint8Array(levels.length);
  const voicedHz: number[] = [];
  track.frequencies.forEach((frequency, frame) => {
    if (frequency > 0 && active[frame]) {
      voiced[frame] = 1;
      voicedHz.push(frequency);
    }
  });
  const sortedHz = Float64Array.from(voicedHz).sort();
  const speakingSeconds = speakingFrames(active) * (hop / sampleRate);
  const analysis: Omit<SpeechAnalysis, 'quality_score' | 'quality_issues'> = {
    duration: samples.length / sampleRate,
    sample_rate: sampleRate,
    loudness_lufs: integratedLoudness(samples, sampleRate),
    peak_dbfs: peakDbfs(samples, LEVEL_FLOOR_DB),
    clipping_ratio: samples.length ? clippingRatio(samples) : 0,
    silence_ratio: levels.length ? 1 - activeCount / levels.length : 1,
    snr_db: estimateSnr(activeCount ? activePower / activeCount : 0, noiseDb),
    pitch: { median_hz: percentile(sortedHz, 0.5), min_hz: percentile(sortedHz, 0.05), max_hz: percentile(sortedHz, 0.95) },
    voiced_ratio: activeCount ? voicedHz.length / activeCount : 0,
    speaking_rate: speakingSeconds > 0 ? countSyllableNuclei(levels, active, voiced) / speakingSeconds : 0,
    spectral_envelope: spectralEnvelope(signal, sampleRate, hop, active),
  };
  return { ...analysis, ...scoreQuality(analysis) };
}

/** Pauses at least this long are not speaking time; shorter gaps (stops, word joints) are part of articulation. */
const PAUSE_FRAMES = 30;

/** Frames from the first active one to the last, less the inactive runs of PAUSE_FRAMES or more. */
function speakingFrames(active: Uint8Array): number {
  const first = active.indexOf(1);
  if (first < 0) return 0;
  const last = active.lastIndexOf(1);
  let frames = 0;
  let gap = 0;
  for (let frame = first; frame <= last; frame++) {
    if (active[frame]) {
      if (gap < PAUSE_FRAMES) frames += gap;
      gap = 0;
      frames++;
    } else gap++;
  }
  return frames;
}

function estimateSnr(activePower: number, noiseDb: number): number {
  if (activePower <= 0) return 0;
  const noisePower = 10 ** (Math.max(noiseDb, LEVEL_FLOOR_DB) / 10);
  const speechPower = activePower - noisePower;
  if (speechPower <= 0) return 0;
  return Math.min(100, Math.max(0, 10 * Math.log10(speechPower / noisePower)));
}
