import type { Stars } from '../contract';

/** The aggregate columns of `item_stats`, as absolute values or as a change to apply. */
export interface RatingStats {
  rating_count: number;
  rating_sum: number;
  stars_1: number;
  stars_2: number;
  stars_3: number;
  stars_4: number;
  stars_5: number;
}

const STAR_COLUMNS = ['stars_1', 'stars_2', 'stars_3', 'stars_4', 'stars_5'] as const;

export function starsColumn(stars: Stars): (typeof STAR_COLUMNS)[number] {
  const column = STAR_COLUMNS[stars - 1];
  if (!column) throw new RangeError(`stars must be 1..5, got ${stars}`);
  return column;
}

/**
 * What one learner changing their rating from `previous` (null: first rating) to `next` does to
 * the aggregates: a changed rating replaces the old one, it is not counted twice.
 */
export function ratingStatsDelta(previous: Stars | null, next: Stars): RatingStats {
  const delta: RatingStats = {
    rating_count: previous === null ? 1 : 0,
    rating_sum: next - (previous ?? 0),
    stars_1: 0,
    stars_2: 0,
    stars_3: 0,
    stars_4: 0,
    stars_5: 0,
  };
  delta[starsColumn(next)] += 1;
  if (previous !== null) delta[starsColumn(previous)] -= 1;
  return delta;
}

/** Mean rating rounded to 2 decimals, or null when nobody has rated. */
export function averageRating(count: number, sum: number): number | null {
  if (count <= 0) return null;
  // Scale before dividing: sum * 100 / count is exact whenever the mean has ≤ 2 decimals.
  return Math.round((sum * 100) / count) / 100;
}
