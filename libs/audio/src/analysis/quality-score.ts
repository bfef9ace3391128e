import type { SpeechAnalysis } from './speech-analysis.js';

type Measured = Omit<SpeechAnalysis, 'quality_score' | 'quality_issues'>;

interface Penalty {
  readonly points: number;
  readonly issue: string;
}

const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)} %`;

/**
 * The rules behind quality_score: start from 10 and subtract, for each problem found, the points below (score
 * floored at 0, one decimal). Each subtraction adds its human reason to quality_issues, worst first.
 * - no active frame at all: score 0, "no speech (silence)"
 * - duration < 1 s: −4, < 3 s: −2 "too short (x s)"; < 5 s: −1 "short (x s)"
 * - loudness < −35 LUFS: −3 "too quiet (x LUFS)"; < −28: −1 "quiet (x LUFS)"; > −9: −1 "too loud (x LUFS)"
 * - clipping_ratio > 0.05 %: −(1 + 300 × ratio), at most −4, "clipping x %"
 * - snr_db < 30: −(30 − snr) / 5, at most −4, "background noise (SNR x dB)"
 * - silence_ratio > 50 %: −(ratio − 0.5) × 6, at most −3, "mostly silence (x %)"
 * - voiced_ratio < 30 % of the active time: −2 "little voiced speech (x %)" (whisper, noise, music)
 */
export function scoreQuality(measured: Measured): Pick<SpeechAnalysis, 'quality_score' | 'quality_issues'> {
  if (measured.silence_ratio >= 1) return { quality_score: 0, quality_issues: ['no speech (silence)'] };
  const penalties: Penalty[] = [];
  const add = (points: number, issue: string): void => {
    if (points > 0) penalties.push({ points, issue });
  };
  const seconds = measured.duration.toFixed(1);
  if (measured.duration < 1) add(4, `too short (${seconds} s)`);
  else if (measured.duration < 3) add(2, `too short (${seconds} s)`);
  else if (measured.duration < 5) add(1, `short (${seconds} s)`);
  const lufs = measured.loudness_lufs.toFixed(1);
  if (measured.loudness_lufs < -35) add(3, `too quiet (${lufs} LUFS)`);
  else if (measured.loudness_lufs < -28) add(1, `quiet (${lufs} LUFS)`);
  else if (measured.loudness_lufs > -9) add(1, `too loud (${lufs} LUFS)`);
  if (measured.clipping_ratio > 0.0005) add(Math.min(4, 1 + 300 * measured.clipping_ratio), `clipping ${percent(measured.clipping_ratio)}`);
  if (measured.snr_db < 30) add(Math.min(4, (30 - measured.snr_db) / 5), `background noise (SNR ${Math.round(measured.snr_db)} dB)`);
  if (measured.silence_ratio > 0.5)
    add(Math.min(3, (measured.silence_ratio - 0.5) * 6), `mostly silence (${percent(measured.silence_ratio)})`);
  if (measured.voiced_ratio < 0.3) add(2, `little voiced speech (${percent(measured.voiced_ratio)})`);
  penalties.sort((a, b) => b.points - a.points);
  const total = penalties.reduce((sum, penalty) => sum + penalty.points, 0);
  return {
    quality_score: Math.round(Math.max(0, 10 - total) * 10) / 10,
    quality_issues: penalties.map((penalty) => penalty.issue),
  };
}
