import { describe, expect, it } from 'vitest';
import { bayesianScore, DEFAULT_PRIOR_MEAN, priorMean } from '../../server/services/score';

describe('bayesianScore', () => {
  it('ranks one 5★ rating below a hundred 4.6★ ratings', () => {
    const one = bayesianScore(1, 5)!;
    const hundred = bayesianScore(100, 460)!;
    expect(one).toBe(3.75);
    expect(hundred).toBeCloseTo(4.548, 3);
    expect(one).toBeLessThan(hundred);
  });

  it('holds with any plausible tenant mean as the prior', () => {
    for (const prior of [1.5, 3, 3.5, 4, 4.5]) {
      expect(bayesianScore(1, 5, prior)!).toBeLessThan(bayesianScore(100, 460, prior)!);
    }
  });

  it('approaches the item’s own mean as ratings accumulate, and sits at the prior with few', () => {
    expect(bayesianScore(10_000, 42_000)).toBeCloseTo(4.2, 2);
    expect(bayesianScore(1, 1, 4)).toBeCloseTo(3.5, 3);
  });

  it('is null without ratings, and ranks more 5★ ratings higher', () => {
    expect(bayesianScore(0, 0)).toBeNull();
    expect(bayesianScore(3, 15)!).toBeGreaterThan(bayesianScore(1, 5)!);
  });

  it('takes the tenant mean as prior, or 3.5 before any rating', () => {
    expect(priorMean(0, 0)).toBe(DEFAULT_PRIOR_MEAN);
    expect(priorMean(4, 18)).toBe(4.5);
  });
});
