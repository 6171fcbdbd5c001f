/**
 * Days and decay for popularity. Days are UTC calendar days as 'YYYY-MM-DD' text: they compare in
 * time order as text on both engines, and every figure about people is computed on whole days.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** A figure about people counts the 30 whole days before today (today is left out, see popularity.ts). */
export const WINDOW_DAYS = 30;
/** "Colleagues who took this also took" looks further back: co-occurrence needs more data. */
export const ALSO_TOOK_WINDOW_DAYS = 90;
/** A day's engagement loses half its weight every week. */
export const TRENDING_HALF_LIFE_DAYS = 7;

/**
 * Trending sums are kept as Σ n_d · 2^((d − EPOCH)/7), so adding a signal never rewrites older
 * rows and every item's sum shares the factor 2^(−(today − EPOCH)/7). Doubles hold this until
 * ~2044 (2^1024); before then a migration must rebase (multiply every sum by 2^(−years·52)).
 */
export const TRENDING_EPOCH_DAY = '2025-01-01';

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00.000Z`) / DAY_MS);
}

export function addDays(day: string, days: number): string {
  return dayOf(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS);
}

const EPOCH_NUMBER = dayNumber(TRENDING_EPOCH_DAY);

/** The stored weight of one signal on `day`. */
export function trendWeight(day: string): number {
  return 2 ** ((dayNumber(day) - EPOCH_NUMBER) / TRENDING_HALF_LIFE_DAYS);
}

/**
 * Trending as of `today`, leaving today out: Σ over days before today of engagement × 0.5^(age/7),
 * age in days (yesterday: 1). `settled` is the sum for days before `latestDay`, `latest` for that day.
 * One decimal: a ranking value, not a count, and coarse enough not to spell out single days.
 */
export function trendingValue(row: { settled: number; latest: number; latest_day: string }, today: string): number {
  const stored = row.settled + (row.latest_day < today ? row.latest : 0);
  const value = stored * 2 ** (-(dayNumber(today) - EPOCH_NUMBER) / TRENDING_HALF_LIFE_DAYS);
  return Math.round(value * 10) / 10;
}
