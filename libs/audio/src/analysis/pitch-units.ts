/** Signed interval from `hzA` to `hzB` in equal-tempered semitones (12 per octave); positive when B is higher. */
export function semitonesBetween(hzA: number, hzB: number): number {
  if (!(hzA > 0 && hzB > 0)) throw new RangeError(`Frequencies must be positive: ${hzA}, ${hzB}`);
  return 12 * Math.log2(hzB / hzA);
}
