/**
 * Test and calibration signal: a voice-like tone with `harmonics` partials falling at 6 dB per octave (1/k),
 * optionally amplitude-modulated at `syllablesPerSecond` between 30 % and 100 % (a crude syllable rhythm).
 * Peak-normalised to `amplitude`.
 */
export function harmonicTone(
  sampleRate: number,
  fundamentalHz: number,
  seconds: number,
  options: { amplitude?: number; harmonics?: number; syllablesPerSecond?: number } = {},
): Float32Array {
  const { amplitude = 0.5, syllablesPerSecond = 0 } = options;
  const harmonics = Math.min(options.harmonics ?? 20, Math.floor(sampleRate / 2 / fundamentalHz) - 1);
  const out = new Float32Array(Math.round(sampleRate * seconds));
  let peak = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / sampleRate;
    let value = 0;
    for (let k = 1; k <= harmonics; k++) value += Math.sin(2 * Math.PI * k * fundamentalHz * t + k * k * 0.1) / k;
    if (syllablesPerSecond > 0) value *= 0.3 + 0.7 * (0.5 - 0.5 * Math.cos(2 * Math.PI * syllablesPerSecond * t));
    out[i] = value;
    peak = Math.max(peak, Math.abs(value));
  }
  for (let i = 0; i < out.length; i++) out[i]! *= amplitude / peak;
  return out;
}
