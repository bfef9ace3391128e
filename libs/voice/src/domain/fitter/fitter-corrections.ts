/** The corrections applied after synthesis, fitted once the speaker point is chosen. */
export interface AfterSynthesisCorrections {
  pitchFactor: number;
  tempo: number;
  spectralGainsDb: number[];
}

export const PITCH_FACTOR_RANGE = [0.5, 2] as const;
export const TEMPO_RANGE = [0.75, 1.33] as const;
export const MAX_SPECTRAL_GAIN_DB = 9;

export const NO_CORRECTIONS = (bands: number): AfterSynthesisCorrections => ({
  pitchFactor: 1,
  tempo: 1,
  spectralGainsDb: new Array<number>(bands).fill(0),
});

function clamp(value: number, [low, high]: readonly [number, number]): number {
  return Math.min(high, Math.max(low, value));
}

/** Target median pitch over rendered median pitch; 1 when either is unknown (unvoiced audio). */
export function fitPitchFactor(targetHz: number | null, renderedHz: number | null): number {
  if (!targetHz || !renderedHz || targetHz <= 0 || renderedHz <= 0) return 1;
  return clamp(targetHz / renderedHz, PITCH_FACTOR_RANGE);
}

/** Target speaking rate over rendered speaking rate, clamped to a range that still sounds natural. */
export function fitTempo(targetRate: number | null, renderedRate: number | null): number {
  if (!targetRate || !renderedRate || targetRate <= 0 || renderedRate <= 0) return 1;
  return clamp(targetRate / renderedRate, TEMPO_RANGE);
}

/**
 * Per-band gains that move the rendered spectral envelope onto the target's: the level difference of
 * each band, clamped to ±9 dB, smoothed over neighbouring bands (a jagged equaliser sounds worse than
 * a slightly wrong one), then shifted so the gains average 0 dB (loudness is not the speaker's).
 */
export function fitSpectralGains(targetBandsDb: readonly number[], renderedBandsDb: readonly number[]): number[] {
  if (targetBandsDb.length !== renderedBandsDb.length) throw new Error('Band levels of different lengths');
  const difference = targetBandsDb.map((target, i) => {
    const delta = target - renderedBandsDb[i]!;
    return Number.isFinite(delta) ? delta : 0;
  });
  const mean = difference.reduce((sum, value) => sum + value, 0) / Math.max(1, difference.length);
  const centred = difference.map((value) => value - mean);
  const smoothed = centred.map((value, i) => {
    const left = centred[i - 1] ?? value;
    const right = centred[i + 1] ?? value;
    return 0.25 * left + 0.5 * value + 0.25 * right;
  });
  return smoothed.map((value) => Math.round(clamp(value, [-MAX_SPECTRAL_GAIN_DB, MAX_SPECTRAL_GAIN_DB]) * 100) / 100);
}
