/** What every candidate says: long enough for stable pitch and envelope statistics, short enough to render fast. */
export const FITTER_TEXT =
  'We walked along the quiet river at noon, and the water was bright and cold. Nobody wanted to leave before evening.';
