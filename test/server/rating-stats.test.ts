import { describe, expect, it } from 'vitest';
import { averageRating, ratingStatsDelta } from '../../server/services/rating-stats';

describe('ratingStatsDelta', () => {
  it('counts a first rating once', () => {
    expect(ratingStatsDelta(null, 4)).toEqual({ rating_count: 1, rating_sum: 4, stars_1: 0, stars_2: 0, stars_3: 0, stars_4: 1, stars_5: 0 });
  });

  it('replaces a changed rating: same count, sum and histogram moved', () => {
    expect(ratingStatsDelta(4, 2)).toEqual({ rating_count: 0, rating_sum: -2, stars_1: 0, stars_2: 1, stars_3: 0, stars_4: -1, stars_5: 0 });
  });

  it('changes nothing when the stars are the same', () => {
    expect(ratingStatsDelta(3, 3)).toEqual({ rating_count: 0, rating_sum: 0, stars_1: 0, stars_2: 0, stars_3: 0, stars_4: 0, stars_5: 0 });
  });
});

describe('averageRating', () => {
  it.each([
    [0, 0, null],
    [1, 4, 4],
    [2, 7, 3.5],
    [3, 14, 4.67],
    [3, 4, 1.33],
    [6, 13, 2.17],
  ])('count %i, sum %i → %s', (count, sum, expected) => {
    expect(averageRating(count, sum)).toBe(expected);
  });
});
