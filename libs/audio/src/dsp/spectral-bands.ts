/**
 * Edges (Hz) of the 12 bands that `equalize` takes gains for and `analyzeSpeech` reports its spectral envelope in:
 * log-spaced (each band ≈ 0.55 octave, ratio 100^(1/12)) from 80 Hz, the bottom of a low male voice, to 8 kHz, the
 * Nyquist frequency of the 16 kHz voices. Band i spans SPECTRAL_BANDS_HZ[i]..SPECTRAL_BANDS_HZ[i + 1].
 */
export const SPECTRAL_BANDS_HZ: readonly number[] = Object.freeze([80, 117, 172, 253, 371, 545, 800, 1174, 1724, 2530, 3714, 5451, 8000]);

export const SPECTRAL_BAND_COUNT = SPECTRAL_BANDS_HZ.length - 1;

/** Geometric centre of band `index`. */
export function spectralBandCentre(index: number): number {
  return Math.sqrt(SPECTRAL_BANDS_HZ[index]! * SPECTRAL_BANDS_HZ[index + 1]!);
}
