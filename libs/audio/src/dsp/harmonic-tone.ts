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
  // Each partial is a unit phasor rotated by its per-sample step (multiplies only; Math.sin per sample is slow
  // under jest's VM), renormalised now and then against rounding drift.
  const real = Float64Array.from({ length: harmonics }, (_, index) => Math.cos((index + 1) ** 2 * 0.1));
  const imag = Float64Array.from({ length: harmonics }, (_, index) => Math.sin((index + 1) ** 2 * 0.1));
  const stepReal = Float64Array.from({ length: harmonics }, (_, index) =>
    Math.cos((2 * Math.PI * (index + 1) * fundamentalHz) / sampleRate),
  );
  const stepImag = Float64Array.from({ length: harmonics }, (_, index) =>
    Math.sin((2 * Math.PI * (index + 1) * fundamentalHz) / sampleRate),
  );
  const envelopeStep = (2 * Math.PI * syllablesPerSecond) / sampleRate;
  const [envelopeCos, envelopeSin] = [Math.cos(envelopeStep), Math.sin(envelopeStep)];
  let [envelopeReal, envelopeImag] = [1, 0];
  let peak = 0;
  for (let i = 0; i < out.length; i++) {
    let value = 0;
    for (let k = 0; k < harmonics; k++) {
      value += imag[k]! / (k + 1);
      const rotatedReal = real[k]! * stepReal[k]! - imag[k]! * stepImag[k]!;
      imag[k] = real[k]! * stepImag[k]! + imag[k]! * stepReal[k]!;
      real[k] = rotatedReal;
    }
    if (i % 1024 === 1023) {
      for (let k = 0; k < harmonics; k++) {
        const norm = Math.hypot(real[k]!, imag[k]!);
        real[k]! /= norm;
        imag[k]! /= norm;
      }
    }
    if (syllablesPerSecond > 0) {
      value *= 0.3 + 0.7 * (0.5 - 0.5 * envelopeReal);
      [envelopeReal, envelopeImag] = [
        envelopeReal * envelopeCos - envelopeImag * envelopeSin,
        envelopeReal * envelopeSin + envelopeImag * envelopeCos,
      ];
    }
    out[i] = value;
    if (value > peak) peak = value;
    else if (-value > peak) peak = -value;
  }
  for (let i = 0; i < out.length; i++) out[i]! *= amplitude / peak;
  return out;
}
