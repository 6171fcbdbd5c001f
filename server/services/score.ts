/**
 * Ranking score of an item from its ratings: a Bayesian average. Each item starts with
 * `priorWeight` imaginary ratings at `priorMean` (the tenant's mean rating), so a handful of
 * ratings moves it a little and many ratings move it to their own mean: one 5★ scores below a
 * hundred 4.6★ (with the default prior 3.5 and weight 5: 3.75 vs ≈4.55).
 *
 *   score = (priorWeight · priorMean + sum) / (priorWeight + count)
 *
 * Chosen over a Wilson lower bound because star ratings are not up/down votes, and it keeps the
 * scale of stars (1..5), so it can be read next to the average.
 */
export const DEFAULT_PRIOR_MEAN = 3.5;
export const DEFAULT_PRIOR_WEIGHT = 5;

export function bayesianScore(
  count: number,
  sum: number,
  priorMean = DEFAULT_PRIOR_MEAN,
  priorWeight = DEFAULT_PRIOR_WEIGHT,
): number | null {
  if (count <= 0) return null;
  const score = (priorWeight * priorMean + sum) / (priorWeight + count);
  return Math.round(score * 1000) / 1000;
}

/** The tenant's mean rating as the prior, or DEFAULT_PRIOR_MEAN before anyone has rated. */
export function priorMean(tenantCount: number, tenantSum: number): number {
  return tenantCount > 0 ? tenantSum / tenantCount : DEFAULT_PRIOR_MEAN;
}
