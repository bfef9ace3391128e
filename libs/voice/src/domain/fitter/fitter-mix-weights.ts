/** Convex mixing weights of a speaker table's rows, parametrised by unconstrained logits (softmax). */
export function softmax(logits: readonly number[]): number[] {
  const top = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}

/** Logits whose softmax puts `share` of the weight on row `index` and the rest evenly on the others. */
export function logitsFavouring(rows: number, index: number, share: number): number[] {
  if (rows === 1) return [0];
  const rest = (1 - share) / (rows - 1);
  const lead = Math.log(share / rest);
  return Array.from({ length: rows }, (_, i) => (i === index ? lead : 0));
}

/** `{name: weight}` with the negligible weights left out (they are renormalised away). */
export function namedWeights(names: readonly string[], weights: readonly number[], floor = 1e-4): Record<string, number> {
  const kept = names.map((name, i) => [name, weights[i]!] as const).filter(([, weight]) => weight >= floor);
  const sum = kept.reduce((total, [, weight]) => total + weight, 0);
  return Object.fromEntries(kept.map(([name, weight]) => [name, Math.round((weight / sum) * 1e6) / 1e6]));
}
